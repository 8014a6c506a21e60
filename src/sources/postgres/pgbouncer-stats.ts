/**
 * pgbouncer admin console rows (SHOW POOLS, SHOW STATS) as totals over the pools that serve clients; the admin
 * console's own "pgbouncer" pool is left out.
 */
export interface PoolTotals {
  pools: number;
  cl_active: number;
  cl_waiting: number;
  sv_active: number;
  sv_idle: number;
  sv_used: number;
  /** The longest a client at the head of any pool's queue has waited, ms. */
  maxwait_ms: number;
}

export interface StatsTotals {
  xact_count: number;
  query_count: number;
  received_bytes: number;
  sent_bytes: number;
  xact_time_us: number;
  query_time_us: number;
  /** Time clients spent waiting for a server connection, µs. */
  wait_time_us: number;
}

type Row = Record<string, unknown>;

const ADMIN_DB = 'pgbouncer';
const num = (v: unknown): number => (v === null || v === undefined || v === '' ? 0 : Number(v));
const servesClients = (row: Row, database?: string): boolean =>
  row.database !== ADMIN_DB && (database === undefined || row.database === database);

export function poolTotals(rows: readonly Row[], database?: string): PoolTotals {
  const totals: PoolTotals = {
    pools: 0,
    cl_active: 0,
    cl_waiting: 0,
    sv_active: 0,
    sv_idle: 0,
    sv_used: 0,
    maxwait_ms: 0,
  };
  for (const row of rows.filter((r) => servesClients(r, database))) {
    totals.pools++;
    totals.cl_active += num(row.cl_active);
    totals.cl_waiting += num(row.cl_waiting);
    totals.sv_active += num(row.sv_active);
    totals.sv_idle += num(row.sv_idle);
    totals.sv_used += num(row.sv_used);
    totals.maxwait_ms = Math.max(totals.maxwait_ms, num(row.maxwait) * 1000 + num(row.maxwait_us) / 1000);
  }
  return totals;
}

export function statsTotals(rows: readonly Row[], database?: string): StatsTotals {
  const totals: StatsTotals = {
    xact_count: 0,
    query_count: 0,
    received_bytes: 0,
    sent_bytes: 0,
    xact_time_us: 0,
    query_time_us: 0,
    wait_time_us: 0,
  };
  for (const row of rows.filter((r) => servesClients(r, database))) {
    totals.xact_count += num(row.total_xact_count);
    totals.query_count += num(row.total_query_count);
    totals.received_bytes += num(row.total_received);
    totals.sent_bytes += num(row.total_sent);
    totals.xact_time_us += num(row.total_xact_time);
    totals.query_time_us += num(row.total_query_time);
    totals.wait_time_us += num(row.total_wait_time);
  }
  return totals;
}

/** Counters between two SHOW STATS readings; a counter that went backwards (pgbouncer restarted) counts from 0. */
export function statsDelta(before: StatsTotals, after: StatsTotals): StatsTotals {
  const out = { ...after };
  for (const key of Object.keys(after) as (keyof StatsTotals)[]) {
    out[key] = after[key] >= before[key] ? after[key] - before[key] : after[key];
  }
  return out;
}

export interface PoolPeaks {
  cl_waiting_max: number;
  maxwait_ms_max: number;
  sv_active_max: number;
  cl_active_max: number;
}

export function poolPeaks(readings: readonly PoolTotals[]): PoolPeaks {
  const max = (pick: (p: PoolTotals) => number): number => readings.reduce((m, p) => Math.max(m, pick(p)), 0);
  return {
    cl_waiting_max: max((p) => p.cl_waiting),
    maxwait_ms_max: Math.round(max((p) => p.maxwait_ms) * 1000) / 1000,
    sv_active_max: max((p) => p.sv_active),
    cl_active_max: max((p) => p.cl_active),
  };
}
