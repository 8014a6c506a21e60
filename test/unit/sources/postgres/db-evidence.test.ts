import { describe, expect, it } from 'vitest';
import type { StatementStat } from '../../../../src/result/evidence.js';
import { summarizeActivity, type ActivityReading } from '../../../../src/sources/postgres/activity-summary.js';
import { bufferHitRatio, counterDelta, type DbCounters } from '../../../../src/sources/postgres/db-counters.js';
import { buildDbEvidence, type DbRunData } from '../../../../src/sources/postgres/db-evidence.js';
import { diffTables, mergeTables } from '../../../../src/sources/postgres/table-diff.js';

const zero: DbCounters = {
  xact_commit: 0,
  xact_rollback: 0,
  blks_hit: 0,
  blks_read: 0,
  tup_returned: 0,
  tup_fetched: 0,
  deadlocks: 0,
  temp_bytes: 0,
};

function stat(where: string, queryid: string, calls: number): StatementStat {
  return { queryid, query: `q${queryid}`, where, calls, total_ms: calls, mean_ms: 1, rows: calls };
}

function run(over: Partial<DbRunData> = {}): DbRunData {
  return {
    requests: 100,
    top: 10,
    statementsAvailable: true,
    statements: [],
    statementsReset: false,
    statementsDealloc: 0,
    primary: { ...zero, blks_hit: 990, blks_read: 10, xact_commit: 600 },
    maxConnections: 100,
    activity: [],
    tables: [],
    replicas: [],
    lag: [],
    overheadRatio: 0.002,
    ...over,
  };
}

describe('buildDbEvidence', () => {
  it('divides the calls on the primary and every replica by the requests', () => {
    const db = buildDbEvidence(
      run({ statements: [stat('primary', '1', 300), stat('primary', '2', 200), stat('replica:1', '3', 100)] }),
    );
    expect(db.queries_total).toBe(600);
    expect(db.queries_per_request).toBe(6);
    expect(db.statements!.find((s) => s.where === 'replica:1')!.calls_per_request).toBe(1);
    expect(db.buffer_hit_ratio).toBe(0.99);
    expect(db.overhead_ratio).toBe(0.002);
  });

  it('counts the app as Django does: transaction control and workers’ roles beside it, not in it', () => {
    const q = (query: string, role: string, calls: number): StatementStat => ({
      ...stat('primary', query, calls),
      query,
      role,
    });
    const db = buildDbEvidence(
      run({
        statements: [
          q('BEGIN', 'web', 100),
          q('SELECT qty FROM stock WHERE item = $1', 'web', 100),
          q('INSERT INTO orders (item) VALUES ($1)', 'web', 100),
          q('COMMIT', 'web', 100),
          q('UPDATE stock SET qty = qty - $1', 'worker', 100),
          q('UPDATE orders SET sent = $1', 'worker', 100),
        ],
        backends: [
          { role: 'web', application_name: 'gunicorn' },
          { role: 'worker', application_name: 'celery@box' },
        ],
      }),
    );
    expect(db.queries_per_request).toBe(2);
    expect(db.queries_total).toBe(200);
    expect(db.transaction_control_per_request).toBe(2);
    expect(db.async_queries_per_request).toBe(2);
    expect(db.async_roles).toEqual(['worker']);
    expect(db.statements!.filter((s) => s.kind === 'async').map((s) => s.role)).toEqual(['worker', 'worker']);
  });

  it('no statement while requests were served is not seen, never 0 per request', () => {
    const db = buildDbEvidence(run({ statements: [], unwatchedStandbys: 1 }));
    expect(db.queries_total).toBe(0);
    expect(db.queries_per_request).toBeUndefined();
    expect(db.unwatched_standbys).toBe(1);
  });

  it('buffer hits per server and over all of them, when a replica serves the reads', () => {
    const db = buildDbEvidence(
      run({
        primary: { ...zero },
        replicas: [{ name: 'replica:1', delta: { ...zero, blks_hit: 44_917, blks_read: 83 } }],
      }),
    );
    expect(db.buffer_hit_by_server).toEqual({
      primary: { blks_hit: 0, blks_read: 0 },
      'replica:1': { blks_hit: 44_917, blks_read: 83, ratio: 0.998156 },
    });
    expect(db.buffer_hit_ratio).toBe(0.998156);
    expect(db.blks_hit).toBe(44_917);
  });

  it('says plainly that pg_stat_statements is missing and does not guess queries per request', () => {
    const db = buildDbEvidence(run({ statementsAvailable: false }));
    expect(db.pg_stat_statements).toBe(false);
    expect(db.queries_per_request).toBeUndefined();
    expect(db.queries_total).toBeUndefined();
    expect(db.statements).toBeUndefined();
    expect(db.xact_commit).toBe(600);
  });

  it('has no queries per request without requests, but still the total', () => {
    const db = buildDbEvidence(run({ requests: 0, statements: [stat('primary', '1', 5)] }));
    expect(db.queries_total).toBe(5);
    expect(db.queries_per_request).toBeUndefined();
  });

  it('reports per-replica reads and lag, and run-level lag over all replicas', () => {
    const db = buildDbEvidence(
      run({
        replicas: [
          { name: 'replica:1', delta: { ...zero, xact_commit: 40, tup_returned: 400 } },
          { name: 'replica:2', delta: zero },
        ],
        lag: [
          { t: 1, replica: 'replica:1', lag_s: 0.5, lag_bytes: 100 },
          { t: 1, replica: 'replica:2', lag_s: 2, lag_bytes: 5000 },
          { t: 1, replica: 'standby:walreceiver@127.0.0.1', lag_bytes: 7000 },
        ],
      }),
    );
    expect(db.replicas).toEqual([
      { name: 'replica:1', xact_commit: 40, tup_returned: 400, lag_max_s: 0.5, lag_p95_s: 0.5, lag_bytes_max: 100 },
      { name: 'replica:2', xact_commit: 0, tup_returned: 0, lag_max_s: 2, lag_p95_s: 2, lag_bytes_max: 5000 },
    ]);
    expect(db.replica_lag_max_s).toBe(2);
    expect(db.replica_lag_bytes_max).toBe(7000);
  });

  it('summarizes connection pressure against max_connections', () => {
    const reading = (over: Partial<ActivityReading>): ActivityReading => ({
      backends_all: 0,
      backends_total: 0,
      backends_active: 0,
      backends_idle: 0,
      backends_idle_in_transaction: 0,
      idle_in_transaction_age_max_s: 0,
      longest_transaction_s: 0,
      lock_waits: 0,
      ...over,
    });
    const db = buildDbEvidence(
      run({
        activity: [
          reading({ backends_all: 30, backends_idle_in_transaction: 2, idle_in_transaction_age_max_s: 12 }),
          reading({ backends_all: 80, lock_waits: 3, longest_transaction_s: 40 }),
        ],
      }),
    );
    expect(db.connections).toEqual({
      peak: 80,
      max_connections: 100,
      ratio: 0.8,
      idle_in_transaction_max: 2,
      idle_in_transaction_age_max_s: 12,
      longest_transaction_s: 40,
      lock_waits_max: 3,
    });
    expect(summarizeActivity([], 0).ratio).toBe(0);
  });
});

describe('counterDelta', () => {
  it("takes the tool's own transactions out and counts a reset counter from zero", () => {
    const before = { ...zero, xact_commit: 1000, tup_returned: 5000, xact_rollback: 2 };
    const after = { ...zero, xact_commit: 1130, tup_returned: 300, xact_rollback: 3 };
    const d = counterDelta(before, after, { commits: 30, rollbacks: 1 });
    expect(d.xact_commit).toBe(100);
    expect(d.xact_rollback).toBe(0);
    expect(d.tup_returned).toBe(300);
  });

  it('has no hit ratio when nothing was read', () => {
    expect(bufferHitRatio({ blks_hit: 0, blks_read: 0 })).toBeUndefined();
    expect(bufferHitRatio({ blks_hit: 3, blks_read: 1 })).toBe(0.75);
  });
});

describe('table deltas', () => {
  const t = (table: string, seq_scan: number, seq_tup_read: number, idx_scan = 0, idx_tup_fetch = 0) => ({
    table,
    seq_scan,
    seq_tup_read,
    idx_scan,
    idx_tup_fetch,
  });

  it('keeps tables that were touched, sums servers and puts sequential reads first', () => {
    const primary = diffTables(
      new Map([
        ['public.a', t('public.a', 1, 10)],
        ['public.b', t('public.b', 0, 0, 5, 5)],
        ['public.c', t('public.c', 2, 2)],
      ]),
      new Map([
        ['public.a', t('public.a', 2, 110)],
        ['public.b', t('public.b', 0, 0, 15, 15)],
        ['public.c', t('public.c', 2, 2)],
      ]),
    );
    const replica = diffTables(new Map(), new Map([['public.b', t('public.b', 3, 900)]]));
    expect(primary.map((x) => x.table)).toEqual(['public.a', 'public.b']);
    expect(mergeTables([primary, replica], 10)).toEqual([t('public.b', 3, 900, 10, 10), t('public.a', 1, 100)]);
    expect(mergeTables([primary, replica], 1)).toHaveLength(1);
  });
});
