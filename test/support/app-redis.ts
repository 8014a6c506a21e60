import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import { celeryMessage, priorityKey } from './celery-consumer.js';

/**
 * A target app on loopback that uses Redis the way a Django app does:
 * - GET /cache?i=N reads cache key N % 10; keys 0–6 are filled at start, so exactly 70 % of reads hit;
 * - POST /publish?queue=Q&priority=P&count=C puts C Celery task messages on queue Q (priority sub-lists too).
 * All keys carry `prefix`, so parallel runs never collide; close() deletes them.
 */
export interface AppRedis {
  readonly url: string;
  readonly prefix: string;
  readonly hitRatio: number;
  published: number;
  close(): Promise<void>;
}

export interface AppRedisOptions {
  redisUrl: string;
  prefix: string;
}

const CACHE_KEYS = 10;
const FILLED_KEYS = 7;

export async function startAppRedis(options: AppRedisOptions): Promise<AppRedis> {
  const { prefix } = options;
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  for (let k = 0; k < FILLED_KEYS; k++) await redis.set(`${prefix}cache:${k}`, `value-${k}`);
  const app: AppRedis = {
    url: '',
    prefix,
    hitRatio: FILLED_KEYS / CACHE_KEYS,
    published: 0,
    close: async () => {
      server.closeAllConnections();
      server.close();
      await deleteKeys(redis, prefix);
      redis.disconnect();
    },
  };
  const server = http.createServer((req, res) => {
    handle(req, redis, app).then(
      (body) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      },
      (error: Error) => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(error.message);
      },
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  (app as { url: string }).url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return app;
}

async function handle(req: http.IncomingMessage, redis: Redis, app: AppRedis): Promise<unknown> {
  const url = new URL(req.url ?? '/', 'http://app');
  if (url.pathname === '/cache') {
    const i = Number(url.searchParams.get('i') ?? 0);
    const value = await redis.get(`${app.prefix}cache:${i % CACHE_KEYS}`);
    return { hit: value !== null };
  }
  if (url.pathname === '/publish' && req.method === 'POST') {
    const queue = url.searchParams.get('queue') ?? 'celery';
    const priority = Number(url.searchParams.get('priority') ?? 0);
    const count = Number(url.searchParams.get('count') ?? 1);
    const messages = Array.from({ length: count }, (_, n) =>
      celeryMessage('app.tasks.send_email', [n], queue, priority),
    );
    await redis.lpush(priorityKey(app.prefix, queue, priority), ...messages);
    app.published += count;
    return { queued: count };
  }
  throw new Error(`no route ${req.method} ${url.pathname}`);
}

/** Deletes every key under the prefix (SCAN, never KEYS, on a shared server). */
export async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}
