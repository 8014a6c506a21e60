/**
 * The figures of one capacity step that can say what saturated: each tier's key signal, read from the step's
 * source evidence and its own traffic. A missing key means the signal was not measured in that step. Pure.
 */
import type { RunResult } from '../result/run-result.js';

export const SIGNALS = [
  'pgbouncer.cl_waiting',
  'postgres.connections',
  'postgres.db_ms_per_request',
  'replica.lag_s',
  'queue.slope',
  'redis.evictions',
  'web.shedding',
  'web.timeouts',
  'web.queueing',
  'generator.cpu',
] as const;
export type SignalName = (typeof SIGNALS)[number];
export type StepSignals = Partial<Record<SignalName, number>>;

export function stepSignals(result: RunResult): StepSignals {
  const e = result.evidence;
  const db = e.db;
  const out: StepSignals = {};
  const set = (name: SignalName, value: number | undefined): void => {
    if (value !== undefined && Number.isFinite(value)) out[name] = round(value);
  };
  if (db?.pooler?.present) set('pgbouncer.cl_waiting', db.pooler.cl_waiting_max);
  set('postgres.connections', db?.connections?.ratio);
  set('postgres.db_ms_per_request', dbTimePerRequest(result));
  set('replica.lag_s', db?.replica_lag_max_s);
  set('queue.slope', e.queues?.slope_per_s);
  set('redis.evictions', e.cache?.evictions);
  const { requests, status_codes: codes, errors_by_class: classes } = result.summary;
  if (requests > 0) {
    set('web.shedding', ((codes['429'] ?? 0) + (codes['503'] ?? 0)) / requests);
    set('web.timeouts', (classes.timeout + classes.reset + classes.refused) / requests);
  }
  const app = result.summary.app;
  if (app && app.responses > 0) set('web.queueing', (app.queued_ms ?? app.outside_app_ms).p95);
  set('generator.cpu', result.generator.cpu_ratio);
  return out;
}

/** Δ total_exec_time ÷ Δ requests over the statements pg_stat_statements reported (the tool's own excluded). */
function dbTimePerRequest(result: RunResult): number | undefined {
  const db = result.evidence.db;
  if (!db?.pg_stat_statements || !db.statements?.length || result.summary.requests === 0) return undefined;
  return db.statements.reduce((sum, s) => sum + s.total_ms, 0) / result.summary.requests;
}

const round = (x: number): number => Number(x.toFixed(4));
