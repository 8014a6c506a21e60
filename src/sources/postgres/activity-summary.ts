/** Connection pressure over a run, from pg_stat_activity readings (the tool's own backend excluded). */
import type { DbEvidence } from '../../result/evidence.js';

export interface ActivityReading {
  /** Client backends on the whole server (what max_connections limits). */
  backends_all: number;
  /** Client backends of the target database, by state. */
  backends_total: number;
  backends_active: number;
  backends_idle: number;
  backends_idle_in_transaction: number;
  idle_in_transaction_age_max_s: number;
  longest_transaction_s: number;
  lock_waits: number;
}

export type ConnectionEvidence = NonNullable<DbEvidence['connections']>;

export function summarizeActivity(readings: readonly ActivityReading[], maxConnections: number): ConnectionEvidence {
  const max = (pick: (r: ActivityReading) => number): number => readings.reduce((m, r) => Math.max(m, pick(r)), 0);
  const peak = max((r) => r.backends_all);
  return {
    peak,
    max_connections: maxConnections,
    ratio: maxConnections > 0 ? peak / maxConnections : 0,
    idle_in_transaction_max: max((r) => r.backends_idle_in_transaction),
    idle_in_transaction_age_max_s: max((r) => r.idle_in_transaction_age_max_s),
    longest_transaction_s: max((r) => r.longest_transaction_s),
    lock_waits_max: max((r) => r.lock_waits),
  };
}
