/**
 * Keyspace lookups made by scale-audit itself, per Redis server (INFO run_id). Celery queue sampling
 * runs LLEN/HLEN, which Redis counts as keyspace hits and misses; when the broker and the cache share a
 * server, those would bend the measured cache hit ratio, so the Redis source subtracts them. A lookup is
 * recorded when its reply arrives, so a run's count is exact to within one queue sample at either end.
 */
export interface OwnLookups {
  hits: number;
  misses: number;
  commands: number;
}

const byServer = new Map<string, OwnLookups>();

export function recordOwnLookups(runId: string, add: Partial<OwnLookups>): void {
  const own = byServer.get(runId) ?? { hits: 0, misses: 0, commands: 0 };
  own.hits += add.hits ?? 0;
  own.misses += add.misses ?? 0;
  own.commands += add.commands ?? 0;
  byServer.set(runId, own);
}

/** Cumulative own lookups on that server since this process started. */
export function ownLookups(runId: string): OwnLookups {
  const own = byServer.get(runId);
  return own ? { ...own } : { hits: 0, misses: 0, commands: 0 };
}
