/**
 * Keyspace lookups made by scale-audit itself, per Redis server (INFO run_id). Celery queue sampling
 * runs LLEN/HLEN, which Redis counts as keyspace hits and misses; when the broker and the cache share a
 * server, those would bend the measured cache hit ratio, so the Redis source subtracts them. A lookup is
 * recorded when its reply arrives; queue reads and INFO reads of one server take turns (`exclusive`), so the
 * lookups recorded before an INFO are exactly those that INFO counted.
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

const turns = new Map<string, Promise<unknown>>();

/**
 * Runs `read` when no other of the tool's own reads of that server is in flight. Without it a queue read sent
 * just before an INFO is counted by that INFO but recorded after it: at the end of a run nothing makes up for
 * it, and one queue sample's lookups land in the app's hit ratio.
 */
export function exclusive<T>(runId: string, read: () => Promise<T>): Promise<T> {
  const next = (turns.get(runId) ?? Promise.resolve()).then(read, read);
  turns.set(
    runId,
    next.catch(() => undefined),
  );
  return next;
}
