/**
 * The cache Redis is also the Celery broker and a queue holds messages: the Celery source's LLEN/HLEN are
 * keyspace hits and misses on the same server. The cache hit ratio must be the app's lookups exactly, not the
 * app's plus one queue sample's worth of the tool's own.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CeleryRedisSource } from '../../../src/sources/queues/celery-redis-source.js';
import { RedisSource } from '../../../src/sources/redis/redis-source.js';
import { SourceSampler } from '../../../src/sources/sampler.js';
import { startAppRedis } from '../../support/app-redis.js';
import { type RedisServer, startRedisServer } from '../../support/redis-server.js';

let server: RedisServer;

beforeAll(async () => {
  server = await startRedisServer();
});

afterAll(async () => {
  await server?.stop();
});

describe('cache hit ratio on a Redis that is also the Celery broker', () => {
  it('counts exactly the app’s lookups while the queue sampling runs beside them', async () => {
    const app = await startAppRedis({ redisUrl: server.url(), prefix: `sa-own-${randomBytes(3).toString('hex')}:` });
    const admin = new Redis(server.url());
    // Non-empty queues: LLEN finds them (keyspace hits), the priority sub-lists and unacked hash do not (misses).
    await admin.lpush(`${app.prefix}high`, 'task-1', 'task-2');
    await admin.lpush(`${app.prefix}low`, 'task-3');
    const celery = new CeleryRedisSource({
      url: server.url(),
      names: ['high', 'low', 'default', 'mail', 'reports'],
      key_prefix: app.prefix,
      required: true,
    });
    const redis = new RedisSource({ url: server.url(), required: true });
    const t0 = performance.now();
    const clock = (): number => (performance.now() - t0) / 1000;
    const sampler = new SourceSampler([celery, redis], { intervalMs: 40, clock });
    try {
      await sampler.openAll();
      await sampler.start();
      // 300 lookups over keys 0–9, of which 0–6 exist: exactly 210 hits and 90 misses.
      for (let i = 0; i < 300; i++) await (await fetch(`${app.url}/cache?i=${i}`)).arrayBuffer();
      await sleep(100);
      const loadEnd = clock();
      await sleep(100);
      const { evidence } = await sampler.finish({ requests: 300, load_end_t: loadEnd });
      expect({ hits: evidence.cache?.hits, misses: evidence.cache?.misses }).toEqual({ hits: 210, misses: 90 });
      expect(evidence.cache?.hit_ratio).toBe(0.7);
    } finally {
      await sampler.close();
      admin.disconnect();
      await app.close();
    }
  });
});
