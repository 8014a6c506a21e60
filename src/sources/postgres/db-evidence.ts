/** Turns what a PostgresSource read at start, during and at the end of a run into the db Evidence. */
import type { DbEvidence, ReplicaStat, StatementStat, TableStat } from '../../result/evidence.js';
import { summarizeActivity, type ActivityReading } from './activity-summary.js';
import { bufferHitRatio, type DbCounters } from './db-counters.js';
import { summarizeLag, summarizeLagByReplica, type LagObservation } from './lag-summary.js';
import { topStatements } from './statement-diff.js';
import { callsByKind, labelKinds, splitRoles, type SeenBackend } from './statement-kind.js';

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
  /** Client backends seen on the primary during the run (role, application_name). */
  backends?: readonly SeenBackend[];
  /** Standbys the primary streamed to that no replica DSN watched. */
  unwatchedStandbys?: number;
}

export function buildDbEvidence(data: DbRunData): DbEvidence {
  const evidence: DbEvidence = { pg_stat_statements: data.statementsAvailable };
  if (data.unwatchedStandbys) evidence.unwatched_standbys = data.unwatchedStandbys;
  if (data.statementsAvailable) Object.assign(evidence, statementEvidence(data));
  const p = data.primary;
  Object.assign(evidence, bufferEvidence(data));
  Object.assign(evidence, {
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
  if (lag.max_at_least) evidence.replica_lag_at_least = true;
  if (lag.p95_s !== undefined) evidence.replica_lag_p95_s = round(lag.p95_s);
  if (lag.bytes_max !== undefined) evidence.replica_lag_bytes_max = lag.bytes_max;
  evidence.overhead_ratio = round(data.overheadRatio, 6);
  return evidence;
}

/** Queries per request as Django counts them, with transaction control and async work beside them. */
function statementEvidence(data: DbRunData): DbEvidence {
  const roles = splitRoles(
    data.statements.flatMap((s) => (s.role ? [s.role] : [])),
    data.backends ?? [],
  );
  const asyncRoles = new Set(roles.async);
  const statements = labelKinds(data.statements, asyncRoles);
  const calls = callsByKind(statements, asyncRoles);
  const out: DbEvidence = {
    queries_total: calls.app,
    statements: topStatements(statements, data.top, data.requests),
    statements_reset: data.statementsReset,
    statements_dealloc: data.statementsDealloc,
  };
  if (roles.async.length) out.async_roles = roles.async;
  if (roles.shared.length) out.shared_roles = roles.shared;
  if (data.requests > 0) {
    // No statement of the app while requests were served is "not seen", never 0 queries per request.
    if (calls.app > 0) out.queries_per_request = round(calls.app / data.requests);
    out.transaction_control_per_request = round(calls.transaction / data.requests);
    out.async_queries_per_request = round(calls.async / data.requests);
  }
  return out;
}

/** Blocks hit and read on each server, and over all of them together. */
function bufferEvidence(data: DbRunData): DbEvidence {
  const servers = [{ name: 'primary', delta: data.primary }, ...data.replicas];
  const byServer: NonNullable<DbEvidence['buffer_hit_by_server']> = {};
  let hit = 0;
  let read = 0;
  for (const { name, delta } of servers) {
    const ratio = bufferHitRatio(delta);
    byServer[name] = {
      blks_hit: delta.blks_hit,
      blks_read: delta.blks_read,
      ...(ratio !== undefined ? { ratio: round(ratio, 6) } : {}),
    };
    hit += delta.blks_hit;
    read += delta.blks_read;
  }
  const ratio = bufferHitRatio({ blks_hit: hit, blks_read: read });
  return {
    ...(ratio !== undefined ? { buffer_hit_ratio: round(ratio, 6) } : {}),
    blks_hit: hit,
    blks_read: read,
    buffer_hit_by_server: byServer,
  };
}

function round(n: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
