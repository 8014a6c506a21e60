import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CeleryRedisSource } from '../../../src/sources/queues/celery-redis-source.js';
import { RedisSource } from '../../../src/sources/redis/redis-source.js';
import { SourceSampler } from '../../../src/sources/sampler.js';
import { type AppRedis, startAppRedis } from '../../support/app-redis.js';
import { type RedisServer, startRedisServer } from '../../support/redis-server.js';

// Keyspace stats are server-wide, so this file uses its own redis-server: nobody else's traffic counts.
let server: RedisServer;
let client: Redis;

beforeAll(async () => {
  server = await startRedisServer();
  client = new Redis(server.url());
});

afterAll(async () => {
  client?.disconnect();
  await server?.stop();
});

async function drive(app: AppRedis, requests: number, concurrency: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < requests) {
        const i = next++;
        const res = await fetch(`${app.url}/cache?i=${i}`);
        await res.arrayBuffer();
      }
    }),
  );
}

describe('RedisSource', () => {
  it(
    'measures the cache hit ratio of the known 70 % pattern within 1 %, excluding its own queue ' + 'sampling',
    async () => {
      const app = await startAppRedis({ redisUrl: server.url(), prefix: `sa-${randomBytes(4).toString('hex')}:` });
      // A Celery source on the same server runs LLEN/HLEN (all misses here) every sample; they must not count.
      const celery = new CeleryRedisSource({
        url: server.url(),
        names: ['default'],
        key_prefix: app.prefix,
        required: true,
      });
      const redis = new RedisSource({ url: server.url(), required: true });
      const t0 = performance.now();
      const sampler = new SourceSampler([redis, celery], {
        intervalMs: 100,
        clock: () => (performance.now() - t0) / 1000,
      });
      try {
        await sampler.openAll();
        await sampler.start();
        await drive(app, 1500, 8);
        await sleep(150);
        const loadEnd = (performance.now() - t0) / 1000;
        await sleep(150);
        const { sources, evidence } = await sampler.finish({ requests: 1500, load_end_t: loadEnd });
        expect(evidence.cache?.hit_ratio).toBeGreaterThan(0.69);
        expect(evidence.cache?.hit_ratio).toBeLessThan(0.71);
        expect(evidence.cache?.hits).toBeGreaterThanOrEqual(1040);
        expect(evidence.cache?.hits).toBeLessThanOrEqual(1060);
        // 1500 lookups, give or take one queue sample's 11 at either end of the window (within 1 %).
        const lookups = (evidence.cache?.hits ?? 0) + (evidence.cache?.misses ?? 0);
        expect(lookups).toBeGreaterThanOrEqual(1485);
        expect(lookups).toBeLessThanOrEqual(1515);
        expect(evidence.cache?.ops_per_s).toBeGreaterThan(100);
        expect(evidence.cache?.connected_clients_max).toBeGreaterThanOrEqual(3);
        expect(evidence.cache?.memory_ratio).toBeUndefined(); // no maxmemory: nothing to compare with
        // Per interval: every interval with ≥ 100 lookups shows the pattern (a 10-key cycle cut anywhere, 8 requests
        // in flight reordered at the edges: within (3 + 8) / 100).
        const series = sources.redis!.series;
        const busy = series.slice(1).filter((p, i) => {
          const lookups =
            p.values.keyspace_hits! +
            p.values.keyspace_misses! -
            series[i]!.values.keyspace_hits! -
            series[i]!.values.keyspace_misses!;
          return lookups >= 100;
        });
        expect(busy.length).toBeGreaterThanOrEqual(2);
        for (const p of busy) expect(Math.abs(p.values.hit_ratio! - 0.7)).toBeLessThanOrEqual(0.11);
        expect(sources.redis!.overhead_ratio).toBeGreaterThan(0);
        expect(sources.redis!.overhead_ratio).toBeLessThan(0.5);
        expect(sources.redis!.gaps).toEqual([]);
      } finally {
        await sampler.close();
        await app.close();
      }
    },
  );

  it('reports evictions and used memory against maxmemory', async () => {
    const prefix = `sa-${randomBytes(4).toString('hex')}:`;
    await client.config('SET', 'maxmemory', String(4 * 1024 * 1024));
    await client.config('SET', 'maxmemory-policy', 'allkeys-lru');
    const source = new RedisSource({ url: server.url(), required: true });
    try {
      await source.open();
      await source.start();
      const before = Number(/evicted_keys:(\d+)/.exec(await client.info('stats'))![1]);
      const value = 'x'.repeat(4096);
      for (let batch = 0; batch < 20; batch++) {
        const pipe = client.pipeline();
        for (let k = 0; k < 100; k++) pipe.set(`${prefix}${batch}:${k}`, value);
        await pipe.exec();
      }
      await source.sample(1);
      const after = Number(/evicted_keys:(\d+)/.exec(await client.info('stats'))![1]);
      const { evidence, deltas } = await source.finish({ requests: 0, load_end_t: 1 });
      expect(after - before).toBeGreaterThan(0);
      expect(evidence.cache?.evictions).toBe(after - before);
      expect(evidence.cache?.memory_ratio).toBeGreaterThan(0.8);
      expect(deltas.maxmemory).toBe(4 * 1024 * 1024);
      expect(deltas.maxmemory_policy).toBe('allkeys-lru');
    } finally {
      await source.close();
      await client.config('SET', 'maxmemory', '0');
      await client.flushdb();
    }
  });

  it('counts Django cache-session keys with a bounded SCAN', async () => {
    const db = 3;
    const admin = new Redis(server.url(db));
    try {
      const pipe = admin.pipeline();
      for (let k = 0; k < 25; k++) pipe.set(`:1:django.contrib.sessions.cache${randomBytes(8).toString('hex')}`, 's');
      for (let k = 0; k < 3000; k++) pipe.set(`:1:views.decorators.cache.page${k}`, 'p');
      await pipe.exec();
      const full = new RedisSource({
        url: server.url(db),
        sessions: { pattern: '*django.contrib.sessions.cache*', max_scan: 100_000, max_time: 60_000 },
        required: true,
      });
      const bounded = new RedisSource({
        url: server.url(db),
        sessions: { pattern: '*django.contrib.sessions.cache*', max_scan: 20, max_time: 60_000 },
        required: true,
      });
      for (const s of [full, bounded]) {
        await s.open();
        await s.start();
      }
      const whole = await full.finish({ requests: 0, load_end_t: 0 });
      const part = await bounded.finish({ requests: 0, load_end_t: 0 });
      await Promise.all([full.close(), bounded.close()]);
      expect(whole.evidence.cache?.session_keys).toBe(25);
      expect(whole.deltas.sessions).toMatchObject({ found: 25, complete: true, keys_scanned: 3025, db_keys: 3025 });
      expect(part.deltas.sessions).toMatchObject({ complete: false, stopped_by: 'max_scan', db_keys: 3025 });
      expect(part.evidence.cache?.session_keys).toBeLessThan(25);
    } finally {
      await admin.flushdb();
      admin.disconnect();
    }
  });
});
