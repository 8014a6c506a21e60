import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/**
 * An app on loopback that behaves like a Django site served by gunicorn's sync workers: `workers` requests are
 * handled at a time and the rest wait in the backlog, so an arrival rate above capacity turns into queueing and
 * timeouts, as on a real server. It runs in its own process (django-like-app-child.mjs). Routes:
 * - GET /page?ms=N        200 after N ms of work (traceparent + X-Request-ID when `tracing`);
 * - GET /login            starts a session: Set-Cookie sessionid, and the session stored in Redis under Django's
 *                         cache key (`<prefix>:1:django.contrib.sessions.cache<key>`) when `sessionsInRedis`;
 * - GET /limited          a per-second rate limit (django-ratelimit style): over `limitPerS` answers 429,
 *                         with Retry-After when `retryAfter`;
 * - GET /sticky           behind a load balancer that pins clients (Set-Cookie AWSALB);
 * - POST /checkout?queues=high,low  enqueues one Celery task per named queue (kombu's Redis layout).
 * While the file `faultFile` exists, the app is in the fault mode its content names: `slow` (+40 ms),
 * `reset-some` (1 connection in `resetEvery` reset), `down` (every connection reset).
 */
export interface DjangoLikeApp {
  readonly url: string;
  /** Requests that reached a handler (after the backlog) and sessions written to Redis. */
  stats(): Promise<{ served: number; sessionsStored: number }>;
  close(): Promise<void>;
}

export interface DjangoLikeAppOptions {
  /** Sync workers: requests handled at once (the rest wait in the backlog). */
  workers?: number;
  tracing?: boolean;
  /** Redis for sessions and Celery tasks. */
  redisUrl?: string;
  sessionsInRedis?: boolean;
  /** Django's CACHES KEY_PREFIX and kombu's global_keyprefix: keeps parallel runs apart on a shared Redis. */
  keyPrefix?: string;
  limitPerS?: number;
  retryAfter?: boolean;
  faultFile?: string;
  resetEvery?: number;
}

const CHILD = fileURLToPath(new URL('./django-like-app-child.mjs', import.meta.url));

export async function startDjangoLikeApp(options: DjangoLikeAppOptions = {}): Promise<DjangoLikeApp> {
  const child: ChildProcess = spawn(process.execPath, [CHILD, JSON.stringify(options)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) =>
      resolve((JSON.parse(line) as { port: number }).port),
    );
    child.once('exit', (code) => reject(new Error(`django-like app exited with ${code}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    stats: async () => (await (await fetch(`${url}/__stats`)).json()) as { served: number; sessionsStored: number },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
