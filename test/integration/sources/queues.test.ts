import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import amqp from 'amqplib';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnreachableError } from '../../../src/errors.js';
import { CeleryRedisSource } from '../../../src/sources/queues/celery-redis-source.js';
import { RabbitMqSource } from '../../../src/sources/queues/rabbitmq-source.js';
import { SourceSampler } from '../../../src/sources/sampler.js';
import { deleteKeys, startAppRedis } from '../../support/app-redis.js';
import { startCeleryConsumer } from '../../support/celery-consumer.js';

// The shared Redis on 6379: every key carries a unique prefix (kombu's global_keyprefix) and is deleted after.
const REDIS_URL = 'redis://127.0.0.1:6379/0';
const AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';
const tag = randomBytes(4).toString('hex');
const prefix = `sa-queues-${tag}:`;
let admin: Redis;

beforeAll(() => {
  admin = new Redis(REDIS_URL);
});

afterAll(async () => {
  await deleteKeys(admin, prefix);
  admin.disconnect();
});

async function publish(appUrl: string, queue: string, priority: number, count: number): Promise<void> {
  const res = await fetch(`${appUrl}/publish?queue=${queue}&priority=${priority}&count=${count}`, { method: 'POST' });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
}

describe('CeleryRedisSource', () => {
  it('counts the priority sub-lists and the unacked hash', async () => {
    const app = await startAppRedis({ redisUrl: REDIS_URL, prefix: `${prefix}prio:` });
    const source = new CeleryRedisSource({
      url: REDIS_URL,
      names: ['default', 'emails'],
      key_prefix: app.prefix,
      required: true,
    });
    const worker = startCeleryConsumer({ redisUrl: REDIS_URL, queue: 'emails', prefix: app.prefix, processMs: 60_000 });
    try {
      await source.open();
      await source.start();
      await publish(app.url, 'default', 0, 3);
      await publish(app.url, 'default', 3, 2);
      await publish(app.url, 'default', 9, 4);
      await publish(app.url, 'emails', 6, 1);
      // The worker reserves the emails task: it leaves the list for the unacked hash.
      for (let i = 0; i < 50 && (await admin.hlen(`${app.prefix}unacked`)) === 0; i++) await sleep(20);
      const { values } = await source.sample(1);
      expect(values['depth:default']).toBe(9);
      expect(values['depth:emails']).toBe(0);
      expect(values.unacked).toBe(1);
      expect(values.depth).toBe(10);
      const { evidence } = await source.finish({ requests: 4, load_end_t: 1 });
      expect(evidence.queues).toMatchObject({
        names: ['default', 'emails'],
        depth_start: 0,
        depth_max: 10,
        // emails carried its task although no sample saw it waiting: the worker took it (issue #13 item 6).
        active_queues: 2,
        unacked_max: 1,
        by_queue: { default: { depth_max: 9 }, emails: { depth_max: 0 } },
        flow_measured_by: expect.stringMatching(/^Redis CLIENT TRACKING/),
      });
      expect(evidence.queues?.by_queue?.emails?.flow).toBeGreaterThanOrEqual(1);
      expect(evidence.queues?.by_queue?.default?.flow).toBeGreaterThanOrEqual(3);
    } finally {
      await worker.stop();
      await source.close();
      await app.close();
    }
  });

  it('sees a stopped consumer as a positive slope and measures the drain after it restarts', async () => {
    const app = await startAppRedis({ redisUrl: REDIS_URL, prefix: `${prefix}drain:` });
    const source = new CeleryRedisSource({ url: REDIS_URL, names: ['celery'], key_prefix: app.prefix, required: true });
    const t0 = performance.now();
    const clock = (): number => (performance.now() - t0) / 1000;
    const sampler = new SourceSampler([source], { intervalMs: 200, clock });
    let worker: ReturnType<typeof startCeleryConsumer> | undefined;
    try {
      await sampler.openAll();
      await sampler.start();
      // Load: the app publishes ~25 tasks/s for 3 s while no worker runs.
      const loadStart = clock();
      for (let i = 0; i < 75; i++) {
        await publish(app.url, 'celery', i % 10, 1);
        const due = loadStart + (i + 1) / 25;
        const wait = (due - clock()) * 1000;
        if (wait > 0) await sleep(wait);
      }
      const loadEnd = clock();
      const trueRate = app.published / (loadEnd - loadStart);
      worker = startCeleryConsumer({ redisUrl: REDIS_URL, queue: 'celery', prefix: app.prefix, processMs: 15 });
      expect(await sampler.waitForDrain(15_000)).toBe(true);
      const { evidence, sources } = await sampler.finish({ requests: 75, load_end_t: loadEnd });
      expect(worker.acked).toBe(75);
      const trueDrain = (worker.lastAckAt! - t0) / 1000 - loadEnd;
      const queues = evidence.queues!;
      expect(queues.slope_per_s).toBeGreaterThan(trueRate * 0.8);
      expect(queues.slope_per_s).toBeLessThan(trueRate * 1.2);
      expect(queues.depth_start).toBe(0);
      expect(queues.depth_end).toBe(0);
      expect(queues.depth_max).toBeGreaterThanOrEqual(65);
      expect(queues.depth_max).toBeLessThanOrEqual(75);
      // The drain shows at the first sample after the last ack: not before it, at most an interval (+ slack) after.
      expect(queues.drain_s).toBeGreaterThanOrEqual(trueDrain - 0.02);
      expect(queues.drain_s).toBeLessThanOrEqual(trueDrain + 0.2 + 0.4);
      expect(sources.celery!.gaps).toEqual([]);
    } finally {
      await worker?.stop();
      await sampler.close();
      await app.close();
    }
  });
});

describe('RabbitMqSource', () => {
  const names = { ready: `sa-${tag}-ready`, consumed: `sa-${tag}-consumed`, doomed: `sa-${tag}-doomed` };
  let connection: amqp.ChannelModel;
  let channel: amqp.Channel;

  beforeAll(async () => {
    connection = await amqp.connect(AMQP_URL);
    channel = await connection.createChannel();
    for (const name of Object.values(names)) await channel.assertQueue(name, { durable: false });
    for (let i = 0; i < 5; i++) channel.sendToQueue(names.ready, Buffer.from(`task ${i}`));
    const consumers = await connection.createChannel();
    for (let i = 0; i < 2; i++) await consumers.consume(names.consumed, () => undefined);
    await sleep(100);
  });

  afterAll(async () => {
    const cleanup = await connection.createChannel();
    for (const name of Object.values(names)) await cleanup.deleteQueue(name).catch(() => undefined);
    await connection.close();
  });

  it('reads ready messages and consumers by passive declare', async () => {
    const source = new RabbitMqSource({ url: AMQP_URL, names: [names.ready, names.consumed], required: true });
    try {
      await source.open();
      await source.start();
      const { values } = await source.sample(1);
      expect(values[`depth:${names.ready}`]).toBe(5);
      expect(values[`consumers:${names.ready}`]).toBe(0);
      expect(values[`depth:${names.consumed}`]).toBe(0);
      expect(values[`consumers:${names.consumed}`]).toBe(2);
      expect(values.depth).toBe(5);
      const { evidence } = await source.finish({ requests: 0, load_end_t: 1 });
      expect(evidence.queues?.by_queue?.[names.consumed]).toEqual({ depth_max: 0, consumers: 2 });
      expect(source.drained()).toBe(true);
    } finally {
      await source.close();
    }
  });

  it('fails open with a clear error for a missing queue instead of crashing, and exits 3 when required', async () => {
    const missing = `sa-${tag}-missing`;
    const sampler = new SourceSampler(
      [new RabbitMqSource({ url: AMQP_URL, names: [names.ready, missing], required: true })],
      {
        intervalMs: 200,
        clock: () => 0,
      },
    );
    const error = await sampler.openAll().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnreachableError);
    expect((error as Error).message).toContain('rabbitmq');
    expect((error as Error).message).toContain(`queue "${missing}" not found (404)`);
    expect((error as Error).message).not.toContain('guest:guest');
  });

  it('records a queue deleted mid-run as a gap and recovers when it is back', async () => {
    const t0 = performance.now();
    const source = new RabbitMqSource({ url: AMQP_URL, names: [names.doomed], required: true });
    const sampler = new SourceSampler([source], { intervalMs: 100, clock: () => (performance.now() - t0) / 1000 });
    try {
      await sampler.openAll();
      await sampler.start();
      await sleep(350);
      await channel.deleteQueue(names.doomed);
      await sleep(350);
      await channel.assertQueue(names.doomed, { durable: false });
      channel.sendToQueue(names.doomed, Buffer.from('again'));
      await sleep(450);
      const { sources } = await sampler.finish({ requests: 0, load_end_t: 1 });
      const result = sources.rabbitmq!;
      expect(result.gaps.length).toBeGreaterThan(0);
      expect(result.gaps[0]!.reason).toContain(`queue "${names.doomed}" not found (404)`);
      const lastGap = result.gaps.at(-1)!.t;
      expect(result.series.filter((p) => p.t > lastGap).some((p) => p.values.depth === 1)).toBe(true);
    } finally {
      await sampler.close();
    }
  });
});
