/** Turns what a PostgresSource read at start, during and at the end of a run into the db Evidence. */
import type { DbEvidence, ReplicaStat, StatementStat, TableStat } from '../../result/evidence.js';
import { summarizeActivity, type ActivityReading } from './activity-summary.js';
import { bufferHitRatio, type DbCounters } from './db-counters.js';
import { summarizeLag, summarizeLagByReplica, type LagObservation } from './lag-summary.js';
import { topStatements, totalCalls } from './statement-diff.js';

export interface DbRunData {
  requests: number;
  top: number;
  /** pg_stat_statements readable on the primary. */
  statementsAvailable: boolean;
  /** Per-statement deltas over the primary and every replica (the tool's own excluded). */
  statements: StatementStat[];
  statementsReset: boolean;
  statementsDealloc: number;
  primary: DbCounters;
  maxConnections: number;
  activity: ActivityReading[];
  tables: TableStat[];
  replicas: { name: string; delta: DbCounters }[];
  /** Replica-side lag readings (and the primary's view of its standbys when no replica is watched directly). */
  lag: LagObservation[];
  /** Seconds the tool's own sampling statements took ÷ seconds of the run. */
  overheadRatio: number;
}

export function buildDbEvidence(data: DbRunData): DbEvidence {
  const evidence: DbEvidence = { pg_stat_statements: data.statementsAvailable };
  if (data.statementsAvailable) {
    const queries = totalCalls(data.statements);
    evidence.queries_total = queries;
    if (data.requests > 0) evidence.queries_per_request = round(queries / data.requests);
    evidence.statements = topStatements(data.statements, data.top, data.requests);
    evidence.statements_reset = data.statementsReset;
    evidence.statements_dealloc = data.statementsDealloc;
  }
  const p = data.primary;
  const ratio = bufferHitRatio(p);
  if (ratio !== undefined) evidence.buffer_hit_ratio = round(ratio, 6);
  Object.assign(evidence, {
    blks_hit: p.blks_hit,
    blks_read: p.blks_read,
    xact_commit: p.xact_commit,
    xact_rollback: p.xact_rollback,
    deadlocks: p.deadlocks,
    temp_bytes: p.temp_bytes,
    tables: data.tables,
  });
  if (data.activity.length > 0) evidence.connections = summarizeActivity(data.activity, data.maxConnections);

  const lagByReplica = summarizeLagByReplica(data.lag);
  if (data.replicas.length > 0) {
    evidence.replicas = data.replicas.map(({ name, delta }): ReplicaStat => {
      const lag = lagByReplica.get(name) ?? {};
      return {
        name,
        xact_commit: delta.xact_commit,
        tup_returned: delta.tup_returned,
        ...(lag.max_s !== undefined && { lag_max_s: round(lag.max_s) }),
        ...(lag.p95_s !== undefined && { lag_p95_s: round(lag.p95_s) }),
        ...(lag.bytes_max !== undefined && { lag_bytes_max: lag.bytes_max }),
      };
    });
  }
  const lag = summarizeLag(data.lag);
  if (lag.max_s !== undefined) evidence.replica_lag_max_s = round(lag.max_s);
  if (lag.p95_s !== undefined) evidence.replica_lag_p95_s = round(lag.p95_s);
  if (lag.bytes_max !== undefined) evidence.replica_lag_bytes_max = lag.bytes_max;
  evidence.overhead_ratio = round(data.overheadRatio, 6);
  return evidence;
}

function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
