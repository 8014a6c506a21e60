import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { UnreachableError } from '../../../src/errors.js';
import { CeleryRedisSource } from '../../../src/sources/queues/celery-redis-source.js';
import { RabbitMqSource } from '../../../src/sources/queues/rabbitmq-source.js';
import { RedisSource } from '../../../src/sources/redis/redis-source.js';
import { SourceSampler } from '../../../src/sources/sampler.js';
import type { Source } from '../../../src/sources/source.js';
import { freePort, type RedisServer, startRedisServer } from '../../support/redis-server.js';

const servers: RedisServer[] = [];
const clients: Redis[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.disconnect();
  for (const server of servers.splice(0)) await server.stop();
});

async function throwaway(options: Parameters<typeof startRedisServer>[0] = {}): Promise<RedisServer> {
  const server = await startRedisServer(options);
  servers.push(server);
  return server;
}

function clientOf(url: string): Redis {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  client.on('error', () => undefined);
  clients.push(client);
  return client;
}

async function openError(sources: Source[]): Promise<unknown> {
  const sampler = new SourceSampler(sources, { intervalMs: 200, clock: () => 0 });
  return sampler.openAll().then(
    () => undefined,
    (e: unknown) => e,
  );
}

describe('SourceSampler against real servers', () => {
  it(
    'keeps going when Redis dies mid-run: gaps while down, samples again once it is back, counters across the ' +
      'restart',
    async () => {
      const server = await throwaway();
      const t0 = performance.now();
      const source = new RedisSource({ url: server.url(), required: true });
      const sampler = new SourceSampler([source], { intervalMs: 150, clock: () => (performance.now() - t0) / 1000 });
      try {
        await sampler.openAll();
        await sampler.start();
        const before = clientOf(server.url());
        await before.set('k', 'v');
        for (let i = 0; i < 10; i++) await before.get('k');
        await sleep(400);
        await server.kill();
        await sleep(600);
        const again = await throwaway({ port: server.port });
        const after = clientOf(again.url());
        for (let i = 0; i < 5; i++) await after.get('k'); // gone with the old process: 5 misses
        await sleep(1500);
        const loadEnd = (performance.now() - t0) / 1000;
        const { sources, evidence } = await sampler.finish({ requests: 15, load_end_t: loadEnd });
        const result = sources.redis!;
        expect(result.gaps.length).toBeGreaterThanOrEqual(2);
        expect(result.gaps[0]!.reason).toMatch(/^disconnected from redis/);
        const lastGap = result.gaps.at(-1)!.t;
        expect(result.series.filter((p) => p.t > lastGap).length).toBeGreaterThanOrEqual(2);
        expect(evidence.cache).toMatchObject({ hits: 10, misses: 5 });
        expect(evidence.cache?.hit_ratio).toBeCloseTo(10 / 15, 9);
      } finally {
        await sampler.close();
      }
    },
  );

  it('stops with exit 3 naming a required Redis that refuses connections', async () => {
    const port = await freePort();
    const error = await openError([new RedisSource({ url: `redis://127.0.0.1:${port}/0`, required: true })]);
    expect(error).toBeInstanceOf(UnreachableError);
    expect((error as UnreachableError).exitCode).toBe(3);
    expect((error as Error).message).toMatch(
      new RegExp(`redis \\[redis redis://127\\.0\\.0\\.1:${port}/0 .*\\]: connection refused`),
    );
  });

  it('says authentication failed for a wrong Redis password and never prints it', async () => {
    const server = await throwaway({ password: 'the-right-one' });
    const wrong = 'Wr0ng-Pa55word-xyz';
    const error = await openError([
      new RedisSource({ url: server.url(0, wrong), required: true }),
      new CeleryRedisSource({ url: server.url(1, wrong), names: ['celery'], required: true }),
    ]);
    expect(error).toBeInstanceOf(UnreachableError);
    const message = (error as Error).message;
    expect(message).toMatch(
      /redis \[redis redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0 .*\]: authentication failed: WRONGPASS/,
    );
    expect(message).toMatch(/celery \[.*\]: authentication failed: WRONGPASS/);
    expect(message).not.toContain(wrong);
    expect(message).not.toContain(encodeURIComponent(wrong));
  });

  it('opens with the right password and leaves an unreachable optional source as a gap', async () => {
    const server = await throwaway({ password: 'the-right-one' });
    const port = await freePort();
    const t0 = performance.now();
    const sampler = new SourceSampler(
      [
        new RedisSource({ url: server.url(), required: true }),
        new RedisSource({ id: 'redis:2', url: `redis://:opt-secret-pw@127.0.0.1:${port}/0`, required: false }),
      ],
      { intervalMs: 100, clock: () => (performance.now() - t0) / 1000 },
    );
    try {
      await sampler.openAll();
      await sampler.start();
      await sleep(350);
      const { sources } = await sampler.finish({ requests: 0, load_end_t: 0.35 });
      expect(sources.redis!.series.length).toBeGreaterThanOrEqual(2);
      expect(sources['redis:2']!.gaps).toHaveLength(1);
      expect(sources['redis:2']!.gaps[0]!.reason).toMatch(/^open failed: connection refused/);
      expect(JSON.stringify(sources)).not.toMatch(/opt-secret-pw|the-right-one/);
    } finally {
      await sampler.close();
    }
  });

  it('says authentication failed for a wrong RabbitMQ password and never prints it', async () => {
    const error = await openError([
      new RabbitMqSource({ url: 'amqp://guest:N0t-The-Pa55@127.0.0.1:5672', names: ['celery'], required: true }),
    ]);
    expect(error).toBeInstanceOf(UnreachableError);
    expect((error as Error).message).toMatch(/rabbitmq .*authentication failed/);
    expect((error as Error).message).not.toContain('N0t-The-Pa55');
  });
});
