/**
 * The async rules driven both ways by real runs: an app that enqueues Celery tasks on Redis (kombu's layout) and
 * real consumers popping them, on a throwaway redis-server.
 * - kept up: every checkout enqueues one task on `high` and one on `low`; a worker per queue takes each task at
 *   once, so LLEN samples read 0 (issue #13 item 6: "no task traffic seen") — the flow is counted instead;
 * - backlog: checkouts enqueue on `high` only and no worker runs: the queue grows and never drains.
 * - RabbitMQ: tasks published on two queues, a consumer keeps `high` empty; AMQP has no publish counter, so only
 *   `low`, where tasks wait, is seen, and the finding says it was measured by depth samples only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/load.js';
import type { ConfigInput } from '../../../src/config/schema.js';
import { startRun } from '../../../src/run/pipeline.js';
import type { Finding, RunResult } from '../../../src/result/run-result.js';
import { startDjangoLikeApp, type DjangoLikeApp } from '../../support/django-like-app.js';
import { startCeleryConsumer, type CeleryConsumer } from '../../support/celery-consumer.js';
import { startRedisServer, type RedisServer } from '../../support/redis-server.js';
import { randomUUID } from 'node:crypto';
import { connect, type ChannelModel } from 'amqplib';

let redis: RedisServer;
let app: DjangoLikeApp;
const consumers: CeleryConsumer[] = [];
let keptUp: RunResult;
let backlog: RunResult;
let rabbit: RunResult;
const AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';
const rabbitQueues = { high: `va-${randomUUID().slice(0, 8)}-high`, low: `va-${randomUUID().slice(0, 8)}-low` };

const configFor = (path: string, queues: string[]): ConfigInput => ({
  target: app.url,
  endpoints: [{ name: 'checkout', method: 'POST', path }],
  load: { rate: 20, duration: '3s', timeout: '2s' },
  sources: { interval: '500ms', drain_timeout: '1s', queues: { celery_redis: redis.url(0), names: queues } },
});

const finding = (r: RunResult, id: string): Finding => r.findings.find((f) => f.id === id)!;

beforeAll(async () => {
  redis = await startRedisServer();
  app = await startDjangoLikeApp({ redisUrl: redis.url(0) });
  for (const queue of ['high', 'low'])
    consumers.push(startCeleryConsumer({ redisUrl: redis.url(0), queue, prefix: '', processMs: 1 }));
  keptUp = await startRun(validateConfig(configFor('/checkout?queues=high,low', ['high', 'low']))).result;
  await Promise.all(consumers.splice(0).map((c) => c.stop()));
  backlog = await startRun(validateConfig(configFor('/checkout?queues=high', ['high', 'low']))).result;
  rabbit = await rabbitRun();
}, 60_000);

/** Publishes one task a queue every 100 ms during the run; a consumer acks `high` at once, `low` has none. */
async function rabbitRun(): Promise<RunResult> {
  const amqp: ChannelModel = await connect(AMQP_URL);
  const channel = await amqp.createChannel();
  for (const q of Object.values(rabbitQueues)) await channel.assertQueue(q, { autoDelete: false });
  await channel.consume(rabbitQueues.high, (m) => m && channel.ack(m));
  const timer = setInterval(() => {
    for (const q of Object.values(rabbitQueues)) channel.sendToQueue(q, Buffer.from('{"task":"send_email"}'));
  }, 100);
  try {
    const config = validateConfig({
      target: app.url,
      endpoints: [{ path: '/page?ms=1' }],
      load: { rate: 10, duration: '2s' },
      sources: {
        interval: '500ms',
        drain_timeout: '500ms',
        queues: { rabbitmq: AMQP_URL, names: Object.values(rabbitQueues) },
      },
    });
    return await startRun(config).result;
  } finally {
    clearInterval(timer);
    for (const q of Object.values(rabbitQueues)) await channel.deleteQueue(q);
    await amqp.close();
  }
}

afterAll(async () => {
  await Promise.all(consumers.map((c) => c.stop()));
  await app?.close();
  await redis?.stop();
});

describe('workers that keep up: the lists stay empty, the flow is still seen', () => {
  it('counts the tasks that flowed through both queues (async.priorities passes)', () => {
    const q = keptUp.evidence.queues!;
    expect(q.depth_max).toBeLessThanOrEqual(2);
    expect(q.flow_measured_by, q.flow_measured_by).toMatch(/^Redis CLIENT TRACKING/);
    const requests = keptUp.summary.requests;
    for (const name of ['high', 'low']) {
      // Redis coalesces writes to one key within one of its event-loop iterations: a lower bound.
      expect(q.by_queue?.[name]?.flow).toBeGreaterThanOrEqual(requests * 0.5);
      expect(q.by_queue?.[name]?.flow).toBeLessThanOrEqual(requests * 2 + 1);
    }
    const f = finding(keptUp, 'async.priorities');
    expect(f).toMatchObject({ status: 'pass', value: 2 });
    expect(f.message).toMatch(
      new RegExp(
        String.raw`^task traffic spread over 2 queues: high \(\d+ list writes\), low \(\d+ list writes\); ` +
          'measured by depth samples and Redis CLIENT TRACKING',
      ),
    );
  });

  it('finds the queues bounded and drained', () => {
    expect(finding(keptUp, 'async.queue-bounded')).toMatchObject({ status: 'pass' });
    expect(finding(keptUp, 'async.drain')).toMatchObject({ status: 'pass' });
  });
});

describe('no worker: one queue grows through the run', () => {
  it('sees traffic on one queue of two (async.priorities warns)', () => {
    const f = finding(backlog, 'async.priorities');
    expect(f).toMatchObject({ status: 'warn', value: 1 });
    expect(f.message).toMatch(/^all task traffic went through 1 queue: high \(\d+ list writes\);/);
  });

  it('fails the growing queue and warns it never drained', () => {
    const bounded = finding(backlog, 'async.queue-bounded');
    expect(bounded.status).toBe('fail');
    expect(bounded.message).toMatch(/grows steadily/);
    expect(backlog.evidence.queues?.depth_end).toBeGreaterThanOrEqual(backlog.summary.requests);
    expect(finding(backlog, 'async.drain')).toMatchObject({ status: 'warn', value: null });
  });
});

describe('RabbitMQ: a queue its consumer keeps empty is not seen', () => {
  it('counts only the queue where tasks waited, and says flow was measured by depth samples only', () => {
    const f = finding(rabbit, 'async.priorities');
    expect(rabbit.evidence.queues?.flow_measured_by).toMatch(/^depth samples only \(AMQP/);
    expect(f).toMatchObject({ status: 'warn', value: 1 });
    expect(f.message).toContain(`all task traffic went through 1 queue: ${rabbitQueues.low} (peak depth`);
    expect(f.message).toMatch(/measured by depth samples only \(AMQP passive declare has no publish counter\)$/);
  });
});
