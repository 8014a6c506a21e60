/**
 * Every database and caching rule, driven both ways by real evidence: a Postgres primary with a streaming
 * replica and pgbouncer, a Redis that is both the cache and the Celery broker, and a shop app whose endpoints
 * each show one practice or one mistake. Four runs of the whole pipeline:
 *   healthy    cached product reads on the replica, checkouts with a Celery task: every rule passes
 *   unwatched  an N+1 that reads only from the replica, with only the primary watched: nothing is "0"
 *   watched    the same endpoint with the replica watched: the N+1 is named on that endpoint
 *   broken     N+1, deep OFFSET over a table bigger than shared_buffers, a starved pgbouncer pool, an idle
 *              transaction, paused replay, cache misses and evictions: every rule warns or fails
 */
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/load.js';
import type { ConfigInput } from '../../../src/config/schema.js';
import type { Finding, RunResult } from '../../../src/result/run-result.js';
import { startRun } from '../../../src/run/pipeline.js';
import { type PostgresCluster, startPostgresCluster, withClient } from '../../support/postgres-cluster.js';
import { startRedisServer, type RedisServer } from '../../support/redis-server.js';
import { prepareShopDatabase, startShopApp, type ShopApp } from '../../support/shop-app.js';

let cluster: PostgresCluster;
let redis: RedisServer;
let app: ShopApp;
const prefix = `sa-shop-${randomBytes(3).toString('hex')}:`;
const stuckQueue = `${prefix}low`;
const runs: Record<'healthy' | 'unwatched' | 'watched' | 'broken', RunResult> = {} as never;
let pausedAt = 0;
let brokenEnded = 0;

const finding = (run: keyof typeof runs, id: string): Finding => {
  const f = runs[run].findings.find((x) => x.id === id);
  if (!f) throw new Error(`no finding ${id}`);
  return f;
};
const gate = (run: keyof typeof runs, id: string) => runs[run].gates.find((g) => g.id === id);

async function run(input: ConfigInput): Promise<RunResult> {
  return startRun(validateConfig(input)).result;
}

function sources(opts: { replica: boolean; pgbouncer: boolean; redis: boolean }): ConfigInput['sources'] {
  return {
    interval: '500ms',
    drain_timeout: '1s',
    postgres: {
      primary: cluster.primaryDsn,
      replicas: opts.replica ? [cluster.replicaDsn!] : [],
      ...(opts.pgbouncer ? { pgbouncer: cluster.pgbouncerAdminDsn! } : {}),
    },
    ...(opts.redis
      ? { redis: [redis.url()], queues: { celery_redis: redis.url(), names: [app.queue, stuckQueue] } }
      : {}),
  };
}

/**
 * A backend publishes its statistics up to 10 s late when it goes idle right after a flush (PG15): the replica
 * reads of the earlier runs would land in the broken run's counters. Ending the app's replica backends publishes
 * them now (the broken run sends no read there).
 */
async function publishReplicaReads(): Promise<void> {
  await withClient(cluster.replicaDsn!, async (c) => {
    const shop = `FROM pg_stat_activity WHERE application_name = 'shop'`;
    await c.query(`SELECT pg_terminate_backend(pid) ${shop}`);
    for (let i = 0; i < 50 && (await c.query(`SELECT 1 ${shop}`)).rowCount! > 0; i++) await sleep(20);
  });
}

beforeAll(async () => {
  cluster = await startPostgresCluster({ replica: true, pgbouncer: true, poolSize: 1 });
  await prepareShopDatabase(cluster.primaryDsn);
  redis = await startRedisServer();
  app = await startShopApp({
    primaryDsn: cluster.primaryDsn,
    replicaDsn: cluster.replicaDsn!,
    pgbouncerDsn: cluster.pgbouncerDsn!,
    redisUrl: redis.url(),
    prefix,
  });
  // A queue nobody consumes, so the broker's own LLEN sampling finds a non-empty list (keyspace hits).
  const admin = new Redis(redis.url());
  await admin.lpush(stuckQueue, 'a', 'b', 'c');
  admin.disconnect();
  // Until the replica has the tables, and every pool has its connections open.
  for (let i = 0; i < 50 && (await fetch(`${app.url}/product?id=1`)).status !== 200; i++) await sleep(100);
  for (const path of ['/product?id=1', '/browse?k=1', '/list?k=1', '/report?page=1', '/slow', '/miss'])
    await (await fetch(`${app.url}${path}`)).arrayBuffer();
  await (await fetch(`${app.url}/checkout`, { method: 'POST' })).arrayBuffer();

  runs.healthy = await run({
    target: app.url,
    endpoints: [
      { name: 'product', path: '/product?id=2', weight: 3 },
      { name: 'checkout', method: 'POST', path: '/checkout', weight: 1 },
    ],
    load: { rate: 20, duration: '3s' },
    profile: { rate: 8, duration: '1s' },
    budgets: { queries_per_request: 5, replica_lag: '1s', pool_wait: '100ms' },
    sources: sources({ replica: true, pgbouncer: true, redis: true }),
  });
  const browse = { name: 'browse', path: '/browse?k=20' };
  runs.unwatched = await run({
    target: app.url,
    endpoints: [browse],
    load: { rate: 10, duration: '2s' },
    budgets: { queries_per_request: 10 },
    sources: sources({ replica: false, pgbouncer: false, redis: false }),
  });
  runs.watched = await run({
    target: app.url,
    endpoints: [browse],
    load: { rate: 10, duration: '2s' },
    budgets: { queries_per_request: 10 },
    sources: sources({ replica: true, pgbouncer: false, redis: false }),
  });

  // The broken run: replay paused on the replica after a quiet spell, a session left idle in a transaction, a
  // cache with little memory.
  await publishReplicaReads();
  await sleep(1500);
  await withClient(cluster.replicaDsn!, (c) => c.query('SELECT pg_wal_replay_pause()'));
  pausedAt = Date.now();
  const idle = new pg.Client({ connectionString: cluster.primaryDsn, application_name: 'forgotten' });
  await idle.connect();
  await idle.query('BEGIN');
  await idle.query('SELECT 1');
  const cache = new Redis(redis.url());
  const used = Number(/used_memory:(\d+)/.exec(await cache.info('memory'))![1]);
  await cache.config('SET', 'maxmemory', String(used + 1024 * 1024));
  await cache.config('SET', 'maxmemory-policy', 'allkeys-lru');
  try {
    runs.broken = await run({
      target: app.url,
      endpoints: [
        { name: 'list', path: '/list?k=40', weight: 2 },
        { name: 'report', path: '/report?page=6000', weight: 1 },
        { name: 'slow', path: '/slow', weight: 4 },
        { name: 'checkout', method: 'POST', path: '/checkout', weight: 2 },
        { name: 'miss', path: '/miss', weight: 2 },
        { name: 'fill', method: 'POST', path: '/fill', weight: 1 },
      ],
      load: { rate: 24, duration: '3s' },
      budgets: { queries_per_request: 5, replica_lag: '1s' },
      sources: sources({ replica: true, pgbouncer: true, redis: true }),
      // The ledger has 150k rows, not a production table's millions: a quiet machine scans the deep page in
      // about 10 ms, so the OFFSET budget is scaled to the fixture instead of depending on a slow machine.
      checks: { 'db.offset-pagination': { mean_ms: 3 } },
    });
    brokenEnded = Date.now();
  } finally {
    await idle.end();
    await cache.config('SET', 'maxmemory', '0');
    cache.disconnect();
    await withClient(cluster.replicaDsn!, (c) => c.query('SELECT pg_wal_replay_resume()'));
  }
}, 120_000);

afterAll(async () => {
  await app?.close();
  await redis?.stop();
  await cluster?.stop();
});

const DB_RULES = [
  'db.queries-per-request',
  'db.n-plus-one',
  'db.buffer-hit',
  'db.connections',
  'db.pooler',
  'db.replica-routing',
  'db.replica-lag',
  'db.seq-scans',
  'db.offset-pagination',
];

describe('a healthy data tier: every database and caching rule passes', () => {
  it.each([...DB_RULES, 'cache.hit-ratio', 'cache.evictions'])('%s passes', (id) => {
    expect(finding('healthy', id), finding('healthy', id).message).toMatchObject({ status: 'pass' });
  });

  it('counts what Django counts per request, and shows transaction control and async work beside it', () => {
    const db = runs.healthy.evidence.db!;
    const checkout = db.per_endpoint!.checkout!;
    expect(checkout.queries_per_request).toBeCloseTo(2, 5);
    expect(checkout.transaction_control_per_request).toBeCloseTo(2, 5);
    expect(checkout.async_queries_per_request).toBeGreaterThan(1.5);
    expect(checkout.async_queries_per_request).toBeLessThanOrEqual(2.5);
    expect(db.per_endpoint!.product!.queries_per_request).toBeCloseTo(1, 5);
    expect(db.async_roles).toEqual(['celery_worker']);
    const qpr = finding('healthy', 'db.queries-per-request');
    expect(qpr.message).toMatch(/\+ [\d.]+ transaction control, \+ [\d.]+ async work/);
    expect(gate('healthy', 'budget.queries_per_request')?.passed).toBe(true);
  });

  it('judges buffer hits on every server that served reads, and on all of them together', () => {
    const db = runs.healthy.evidence.db!;
    expect(Object.keys(db.buffer_hit_by_server ?? {})).toEqual(['primary', 'replica:1']);
    expect(db.buffer_hit_by_server!['replica:1']!.blks_hit).toBeGreaterThan(0);
    expect(finding('healthy', 'db.buffer-hit').message).toMatch(/replica:1/);
  });

  it('pgbouncer watched and nobody waited; lag and replica reads measured', () => {
    expect(finding('healthy', 'db.pooler').message).toMatch(/no client waited/);
    expect(finding('healthy', 'db.replica-lag').value).toBeLessThan(0.5);
    expect(gate('healthy', 'budget.replica_lag')?.passed).toBe(true);
    expect(gate('healthy', 'budget.pool_wait')?.passed).toBe(true);
  });
});

describe('reads on a replica that is not watched', () => {
  it('is not "0 queries per request": says the reads went elsewhere and what to connect', () => {
    const f = finding('unwatched', 'db.queries-per-request');
    expect(f.status).toBe('not-measured');
    expect(f.message).toMatch(/no statement .* while \d+ requests were served/);
    expect(f.message).toMatch(/streams to 1 standby that is not watched/);
    expect(f.remedy).toMatch(/--pg-replica/);
    const g = gate('unwatched', 'budget.queries_per_request')!;
    expect(g.passed).toBe(false);
    expect(g.value).toBeNull();
    expect(g.message).toMatch(/--pg-replica/);
  });

  it('n-plus-one and buffer-hit say what was read, never "not collected" or "pass --pg DSN"', () => {
    const n1 = finding('unwatched', 'db.n-plus-one');
    expect(n1.status).toBe('not-measured');
    expect(n1.message).not.toMatch(/not collected/);
    expect(n1.message).toMatch(/pg_stat_statements was read/);
    const buffers = finding('unwatched', 'db.buffer-hit');
    expect(buffers.status).toBe('not-measured');
    expect(`${buffers.message} ${buffers.remedy}`).not.toMatch(/pass --pg DSN/);
    expect(buffers.remedy).toMatch(/--pg-replica/);
  });

  it('db.replica-routing says which standby is not watched', () => {
    expect(finding('unwatched', 'db.replica-routing').message).toBe(
      'no replica watched; the primary streams to 1 standby that is not watched',
    );
  });

  it('db.pooler without pgbouncer watched is not-measured, not a warning', () => {
    const f = finding('unwatched', 'db.pooler');
    expect(f.status).toBe('not-measured');
    expect(f.remedy).toMatch(/--pgbouncer/);
  });

  it('with the replica watched, the same endpoint reads 21 queries per request and the N+1 is named', () => {
    expect(runs.watched.evidence.db?.queries_per_request).toBeCloseTo(21, 0);
    const qpr = finding('watched', 'db.queries-per-request');
    expect(qpr.status).toBe('fail');
    expect(gate('watched', 'budget.queries_per_request')?.passed).toBe(false);
    const n1 = finding('watched', 'db.n-plus-one');
    expect(n1.status).toBe('fail');
    // 20 per request, give or take one request in flight at either end of the run.
    expect(n1.message).toMatch(/^browse runs "SELECT qty FROM stock WHERE item = \$1" (19\.\d|20(\.\d)?)× per request/);
    expect(n1.message).not.toMatch(/mixed load/);
    const replica = runs.watched.evidence.db!.buffer_hit_by_server!['replica:1']!;
    expect(replica.blks_hit).toBeGreaterThan(0);
    expect(replica.ratio).toBeGreaterThanOrEqual(0.99);
    expect(finding('watched', 'db.buffer-hit').message).toMatch(/replica:1/);
  });
});

describe('a broken data tier: every database and caching rule warns or fails', () => {
  const expected: Record<string, 'warn' | 'fail'> = {
    'db.queries-per-request': 'fail',
    'db.n-plus-one': 'fail',
    'db.buffer-hit': 'warn',
    'db.connections': 'warn',
    'db.replica-routing': 'warn',
    'db.replica-lag': 'fail',
    'db.seq-scans': 'warn',
    'db.offset-pagination': 'warn',
    'cache.hit-ratio': 'fail',
    'cache.evictions': 'warn',
  };
  it.each(Object.entries(expected))('%s: %s', (id, status) => {
    expect(finding('broken', id), finding('broken', id).message).toMatchObject({ status });
  });

  it('db.pooler: clients queued for pgbouncer server connections', () => {
    expect(['warn', 'fail']).toContain(finding('broken', 'db.pooler').status);
    expect(finding('broken', 'db.pooler').message).toMatch(/waited|queued/);
  });

  it('replica lag is the age of the oldest unreplayed change, not the idle time before the pause', () => {
    const lag = finding('broken', 'db.replica-lag');
    const sincePause = (brokenEnded - pausedAt) / 1000;
    expect(lag.value).toBeGreaterThan(1);
    // The first write after the pause came after the 1.5 s quiet spell and the sources' start.
    expect(lag.value).toBeLessThan(sincePause);
    expect(lag.message).toMatch(/bytes behind/);
    expect(gate('broken', 'budget.replica_lag')?.passed).toBe(false);
  });
});
