/**
 * pg_stat_database counters of one database between the start and the end of a run, with the tool's own
 * transactions taken out: every sampling query is a transaction of its own, so Δxact_commit would otherwise
 * grow with the sampling rate.
 */
export interface DbCounters {
  xact_commit: number;
  xact_rollback: number;
  blks_hit: number;
  blks_read: number;
  tup_returned: number;
  tup_fetched: number;
  deadlocks: number;
  temp_bytes: number;
}

export const DB_COUNTER_NAMES = [
  'xact_commit',
  'xact_rollback',
  'blks_hit',
  'blks_read',
  'tup_returned',
  'tup_fetched',
  'deadlocks',
  'temp_bytes',
] as const satisfies readonly (keyof DbCounters)[];

/** Transactions the tool itself ran between the two readings. */
export interface OwnTransactions {
  commits: number;
  rollbacks: number;
}

export function counterDelta(
  before: DbCounters,
  after: DbCounters,
  own: OwnTransactions = { commits: 0, rollbacks: 0 },
): DbCounters {
  const out = {} as DbCounters;
  for (const name of DB_COUNTER_NAMES) {
    // A counter that went backwards was reset (pg_stat_reset): what it counted since is all we know.
    out[name] = after[name] >= before[name] ? after[name] - before[name] : after[name];
  }
  out.xact_commit = Math.max(0, out.xact_commit - own.commits);
  out.xact_rollback = Math.max(0, out.xact_rollback - own.rollbacks);
  return out;
}

/** Share of block reads served from shared buffers; undefined when nothing was read. */
export function bufferHitRatio(delta: Pick<DbCounters, 'blks_hit' | 'blks_read'>): number | undefined {
  const total = delta.blks_hit + delta.blks_read;
  return total > 0 ? delta.blks_hit / total : undefined;
}
