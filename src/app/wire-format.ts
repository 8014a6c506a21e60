/**
 * The per-request wire format an app emits for scale-audit (docs/architecture.md, "Per-request truth from the
 * app"): Server-Timing metrics named here, sent only when the request carried APP_TOKEN_HEADER. The Django app
 * in integrations/django and the demo target emit exactly these.
 */
export const APP_TOKEN_HEADER = 'x-scale-audit-token';

export const APP_METRIC = {
  /** dur: ms from the app's first middleware's entry to its exit. */
  app: 'sa-app',
  /** dur: ms between the proxy's X-Request-Start stamp and the app's entry. */
  queue: 'sa-queue',
  /** dur: ms in the database; n: statements; dup: statements whose normalized text ran more than once. */
  db: 'sa-db',
  /** hit, miss: cache reads of every configured cache. */
  cache: 'sa-cache',
  /** n: runs of the most repeated statement; desc: its normalized text (never parameters). */
  dup: 'sa-dup',
  /** n: tasks published; desc: the queue. One metric per queue. */
  task: 'sa-task',
} as const;

/** What one response said about its own request. */
export interface AppSample {
  appMs: number;
  queueMs?: number;
  dbMs: number;
  queries: number;
  duplicates: number;
  cacheHits: number;
  cacheMisses: number;
  tasks: Record<string, number>;
  topDuplicate?: { statement: string; n: number };
}
