/**
 * A small shop that uses its data tier the way a Django app does, for the rule tests against real servers:
 *   GET  /product?id=   a Redis cache lookup (filled on a miss, like cache.get_or_set) and one read on the replica
 *   POST /checkout      BEGIN; SELECT … FOR UPDATE; INSERT; COMMIT on the primary, then a Celery-style task on
 *                       Redis that the worker runs as its own role (two UPDATEs)
 *   GET  /browse?k=     1 + k queries on the replica (an N+1 behind a read router)
 *   GET  /list?k=       1 + k queries on the primary (an N+1)
 *   GET  /report?page=  a deep OFFSET page of the ledger table (a sequential scan bigger than shared_buffers)
 *   GET  /slow          pg_sleep(0.15) through pgbouncer (clients queue for its server connections)
 *   GET  /miss          a cache lookup of a key never set
 *   POST /fill          a 300 KB cache value under a new key (evicts when maxmemory is small)
 * The app counts its own cache hits and misses, so tests can compare the Redis source with the truth.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import pg from 'pg';
import { withClient } from './postgres-cluster.js';

export const WEB_ROLE = 'shop_web';
export const WORKER_ROLE = 'celery_worker';
/** About 20 MB: more than the harness's 16 MB of shared_buffers, so scanning it reads blocks from disk. */
const LEDGER_ROWS = 150_000;
const PRODUCTS = 5;

export interface ShopAppOptions {
  /** Superuser DSN of the primary (to create roles and tables), and of the replica. */
  primaryDsn: string;
  replicaDsn: string;
  /** The app database through pgbouncer (for /slow). */
  pgbouncerDsn?: string;
  redisUrl: string;
  /** Key prefix of the cache and the task queue. */
  prefix: string;
}

export interface ShopApp {
  url: string;
  /** The app's own count of cache lookups. */
  cache: { hits: number; misses: number };
  /** Tasks the worker finished. */
  tasksDone: number;
  /** The Celery queue the checkout tasks go to. */
  queue: string;
  close(): Promise<void>;
}

/** Roles and tables; run once per cluster, before the replica is read (it replicates them). */
export async function prepareShopDatabase(primaryDsn: string): Promise<void> {
  await withClient(primaryDsn, async (c) => {
    for (const role of [WEB_ROLE, WORKER_ROLE]) await c.query(`CREATE ROLE ${role} LOGIN`);
    await c.query('CREATE TABLE stock (item int PRIMARY KEY, qty int NOT NULL)');
    await c.query('INSERT INTO stock SELECT g, 1000000 FROM generate_series(1, 200) g');
    await c.query('CREATE TABLE orders (id bigserial PRIMARY KEY, item int NOT NULL, sent boolean DEFAULT false)');
    await c.query('CREATE TABLE ledger (id int PRIMARY KEY, note text NOT NULL)');
    await c.query(
      `INSERT INTO ledger SELECT g, md5(g::text) || repeat('x', 60) FROM generate_series(1, ${LEDGER_ROWS}) g`,
    );
    await c.query('ANALYZE');
    await c.query(`GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO ${WEB_ROLE}, ${WORKER_ROLE}`);
    await c.query(`GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO ${WEB_ROLE}, ${WORKER_ROLE}`);
  });
}

export async function startShopApp(options: ShopAppOptions): Promise<ShopApp> {
  const as = (dsn: string, user: string, application_name: string, max = 4): pg.Pool => {
    const url = new URL(dsn);
    url.username = user;
    const p = new pg.Pool({ connectionString: url.toString(), max, application_name });
    p.on('error', () => undefined);
    return p;
  };
  const primary = as(options.primaryDsn, WEB_ROLE, 'shop');
  const replica = as(options.replicaDsn, WEB_ROLE, 'shop');
  const worker = as(options.primaryDsn, WORKER_ROLE, 'celery', 1);
  const bouncer = options.pgbouncerDsn ? new pg.Pool({ connectionString: options.pgbouncerDsn, max: 8 }) : undefined;
  bouncer?.on('error', () => undefined);
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 1 });
  const broker = new Redis(options.redisUrl, { maxRetriesPerRequest: 1 });
  for (const r of [redis, broker]) r.on('error', () => undefined);
  const { prefix } = options;
  const queue = `${prefix}celery`;
  for (let id = 0; id < PRODUCTS; id++) await redis.set(`${prefix}product:${id}`, `product ${id}`);
  let fills = 0;

  const app: ShopApp = { url: '', cache: { hits: 0, misses: 0 }, tasksDone: 0, queue, close: async () => undefined };
  const lookup = async (key: string): Promise<string | null> => {
    const value = await redis.get(key);
    if (value === null) app.cache.misses++;
    else app.cache.hits++;
    return value;
  };
  const nPlusOne = async (pool: pg.Pool, k: number): Promise<number> => {
    const list = await pool.query('SELECT item FROM stock ORDER BY item LIMIT $1', [k]);
    for (const row of list.rows) await pool.query('SELECT qty FROM stock WHERE item = $1', [row.item]);
    return list.rowCount ?? 0;
  };

  const routes: Record<string, (url: URL) => Promise<unknown>> = {
    'GET /product': async (url) => {
      const id = Number(url.searchParams.get('id') ?? 0) % PRODUCTS;
      const key = `${prefix}product:${id}`;
      if ((await lookup(key)) === null) await redis.set(key, `product ${id}`);
      return (await replica.query('SELECT qty FROM stock WHERE item = $1', [id + 1])).rows[0];
    },
    'POST /checkout': async () => {
      // One round trip (simple protocol, four statements): a sample never finds it idle in transaction.
      const item = 1 + Math.floor(Math.random() * 200);
      const results = (await primary.query(
        `BEGIN; SELECT qty FROM stock WHERE item = ${item} FOR UPDATE; ` +
          `INSERT INTO orders (item) VALUES (${item}) RETURNING id; COMMIT`,
      )) as unknown as pg.QueryResult[];
      const order = results[2]!.rows[0] as { id: number };
      await broker.lpush(queue, JSON.stringify({ order: order.id, item }));
      return order;
    },
    'GET /browse': async (url) => ({ rows: await nPlusOne(replica, Number(url.searchParams.get('k') ?? 20)) }),
    'GET /list': async (url) => ({ rows: await nPlusOne(primary, Number(url.searchParams.get('k') ?? 12)) }),
    'GET /report': async (url) => {
      const page = Number(url.searchParams.get('page') ?? 500);
      return (await primary.query('SELECT id, note FROM ledger WHERE note > $1 OFFSET $2 LIMIT 20', ['', page * 20]))
        .rows;
    },
    'GET /slow': async () => (await bouncer!.query('SELECT pg_sleep(0.15)')).rowCount,
    'GET /miss': async () => ({ hit: (await lookup(`${prefix}never:${Math.random()}`)) !== null }),
    'POST /fill': async () => {
      await redis.set(`${prefix}fill:${fills++}`, 'x'.repeat(300_000));
      return { fills };
    },
  };

  let working = true;
  const work = (async () => {
    const consumer = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
    consumer.on('error', () => undefined);
    while (working) {
      const task = await consumer.brpop(queue, 0.2).catch(() => null);
      if (!task) continue;
      const { order, item } = JSON.parse(task[1]) as { order: number; item: number };
      await worker.query('UPDATE stock SET qty = qty - 1 WHERE item = $1', [item]).catch(() => undefined);
      await worker.query('UPDATE orders SET sent = true WHERE id = $1', [order]).catch(() => undefined);
      app.tasksDone++;
    }
    consumer.disconnect();
  })();

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routes[`${req.method} ${url.pathname}`];
    req.resume();
    if (!route) return void res.writeHead(404).end();
    route(url).then(
      (body) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
      (err: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(err.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  app.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  app.close = async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    working = false;
    await work;
    await Promise.all([primary.end(), replica.end(), worker.end(), bouncer?.end()]);
    redis.disconnect();
    broker.disconnect();
  };
  return app;
}

export const SHOP_PRODUCTS = PRODUCTS;
