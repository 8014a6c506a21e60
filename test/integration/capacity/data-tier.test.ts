/**
 * `capacity` names the data-tier signal that gave out first: a real pgbouncer whose pool (2 server connections,
 * each request holding one for 40 ms: 50 req/s) is smaller than the app's concurrency, and a Celery queue on
 * Redis drained by a slow consumer (30 ms a task: about 33/s) behind a fast web tier.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';
import { runCli } from '../../support/cli.js';
import { startPostgresCluster, type PostgresCluster } from '../../support/postgres-cluster.js';
import { startAppRedis, type AppRedis } from '../../support/app-redis.js';
import { startCeleryConsumer, type CeleryConsumer } from '../../support/celery-consumer.js';
import type { RunResult } from '../../../src/result/run-result.js';

const REDIS_URL = 'redis://127.0.0.1:6379/0';
// 50 % precision: the search ends one bisection after the first failed step, so the knee is met at 1.1–1.5× the
// limit where its signal is unmistakable, and no step is spent just below the limit where it is marginal.
const SHORT = ['--step', '2s', '--settle', '1s', '--cooldown', '500ms', '--confirm', '0', '--workers', '1'];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scale-audit-capacity-data-'));
});

const read = (file: string): RunResult => JSON.parse(readFileSync(file, 'utf8')) as RunResult;

/** A web app whose every request holds a database connection for `holdMs` (pg_sleep), through `dsn`. */
async function startHoldingApp(dsn: string, holdMs: number): Promise<{ url: string; close(): Promise<void> }> {
  const pool = new pg.Pool({ connectionString: dsn, max: 20, application_name: 'capacity-test-app' });
  pool.on('error', () => undefined);
  const server: Server = createServer((req, res) => {
    req.resume();
    pool.query('SELECT pg_sleep($1)', [holdMs / 1000]).then(
      () => res.end('ok'),
      (err: Error) => res.writeHead(500).end(err.message),
    );
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await pool.end();
    },
  };
}

describe('capacity names the data tier that saturates first', () => {
  let cluster: PostgresCluster;
  let app: { url: string; close(): Promise<void> };
  beforeAll(async () => {
    cluster = await startPostgresCluster({ pgbouncer: true, poolSize: 2 });
    app = await startHoldingApp(cluster.pgbouncerDsn!, 40);
  });
  afterAll(async () => {
    await app?.close();
    await cluster?.stop();
  });

  it(
    'a pgbouncer pool smaller than the web concurrency: ' + 'cl_waiting first; --min-rate above the answer exits 1',
    async () => {
      const config = join(dir, 'pgbouncer.yml');
      writeFileSync(
        config,
        [
          `target: ${app.url}`,
          'endpoints: [{path: /orders}]',
          'sources:',
          '  interval: 250ms',
          `  postgres: {primary: "${cluster.primaryDsn}", pgbouncer: "${cluster.pgbouncerAdminDsn}"}`,
          '',
        ].join('\n'),
      );
      const out = join(dir, 'pgbouncer.json');
      const r = await runCli(
        [
          'capacity',
          '--config',
          config,
          '--start',
          '30',
          '--precision',
          '50%',
          '--min-rate',
          '1000',
          '--out',
          out,
        ].concat(SHORT),
        { timeoutMs: 90_000 },
      );
      expect(r.code, r.stderr).toBe(1);
      const c = read(out).capacity!;
      expect(c.status).toBe('found');
      expect(c.max_rate!).toBeLessThanOrEqual(50);
      expect(c.bracket[1]!).toBeGreaterThan(40);
      expect(c.limited_by[0]!.signal).toBe('pgbouncer.cl_waiting');
      expect(c.limited_by.map((l) => l.signal)).not.toContain('web tier');
      expect(read(out).gates[0]).toMatchObject({ id: 'capacity.min_rate', passed: false, threshold: 1000 });
    },
  );
});

describe('capacity names a queue its consumers cannot keep up with', () => {
  const tag = randomUUID().slice(0, 8);
  let redisApp: AppRedis;
  let consumer: CeleryConsumer;
  let admin: Redis;
  beforeAll(async () => {
    admin = new Redis(REDIS_URL);
    redisApp = await startAppRedis({ redisUrl: REDIS_URL, prefix: `sa-capacity-${tag}:` });
    consumer = startCeleryConsumer({ redisUrl: REDIS_URL, queue: 'emails', prefix: redisApp.prefix, processMs: 30 });
  });
  afterAll(async () => {
    await consumer?.stop();
    await redisApp?.close();
    admin?.disconnect();
  });

  it('the queue slope is the first limit while the web tier stays fast', async () => {
    const queue = `${redisApp.prefix}emails`;
    const config = join(dir, 'celery.yml');
    writeFileSync(
      config,
      [
        `target: ${redisApp.url}`,
        'endpoints: [{method: POST, path: "/publish?queue=emails"}]',
        'sources:',
        '  interval: 250ms',
        '  drain_timeout: 10s',
        `  queues: {celery_redis: "${REDIS_URL}", names: ["${queue}"]}`,
        '',
      ].join('\n'),
    );
    const out = join(dir, 'celery.json');
    const r = await runCli(
      ['capacity', '--config', config, '--start', '12', '--precision', '50%', '--out', out].concat(SHORT),
      {
        timeoutMs: 120_000,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const c = read(out).capacity!;
    expect(c.status).toBe('found');
    expect(c.max_rate!).toBeLessThanOrEqual(34);
    expect(c.max_rate!).toBeGreaterThanOrEqual(20);
    expect(c.limited_by[0]!.signal).toBe('queue.slope');
    const knee = c.steps.find((s) => s.rate === c.bracket[1])!;
    expect(knee.reason).toMatch(/queues grew/);
    expect(knee.p95_ms).toBeLessThan(300);
  });
});
