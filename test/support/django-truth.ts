/**
 * The app-truth Django site (test/support/django-truth) under real gunicorn sync workers, on a database of its
 * own on the machine's PostgreSQL (127.0.0.1:5432), with a django-redis cache and a Celery broker on Redis.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { Redis } from 'ioredis';
import { freePort } from './ports.js';

const PYTHON = '/usr/bin/python3';
const SITE = fileURLToPath(new URL('./django-truth/', import.meta.url));
const PACKAGE = fileURLToPath(new URL('../../integrations/django/', import.meta.url));
const ADMIN_DSN = 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_CACHE_DB = 13;
const REDIS_BROKER_DB = 14;

export interface DjangoTruth {
  url: string;
  token: string;
  /** DSN of the site's own database (for a second client to hammer it). */
  dsn: string;
  /** Tasks waiting in each Celery queue list on the broker. */
  queued(queue: string): Promise<number>;
  close(): Promise<void>;
}

async function admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_DSN });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export async function startDjangoTruth(opts: { workers: number }): Promise<DjangoTruth> {
  const id = randomBytes(4).toString('hex');
  const db = `sa_truth_${id}`;
  const token = `tok-${randomBytes(12).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${db}`));
  const env = {
    ...process.env,
    PYTHONPATH: `${PACKAGE}:${SITE}`,
    SA_DB_NAME: db,
    SA_REDIS_URL: `redis://127.0.0.1:6379/${REDIS_CACHE_DB}`,
    SA_BROKER_URL: `redis://127.0.0.1:6379/${REDIS_BROKER_DB}`,
    SA_CACHE_PREFIX: `truth-${id}`,
    SCALE_AUDIT_TOKEN: token,
  };
  const setup = spawnSync(PYTHON, [`${SITE}truth_site.py`, 'setup'], { env, encoding: 'utf8' });
  if (setup.status !== 0) throw new Error(`django-truth setup failed: ${setup.stderr}`);
  const port = await freePort();
  const child: ChildProcess = spawn(
    PYTHON,
    ['-m', 'gunicorn', '--workers', String(opts.workers), '--bind', `127.0.0.1:${port}`, 'truth_site:application'],
    { env, cwd: SITE, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilUp(child, url, () => stderr);
  const broker = new Redis({ host: '127.0.0.1', port: 6379, db: REDIS_BROKER_DB, lazyConnect: true });
  return {
    url,
    token,
    dsn: `postgres://postgres@127.0.0.1:5432/${db}`,
    queued: (queue) => broker.llen(queue),
    close: async () => {
      await stop(child);
      await broker.del('high', 'low').catch(() => 0);
      broker.disconnect();
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`));
      const cache = new Redis({ host: '127.0.0.1', port: 6379, db: REDIS_CACHE_DB });
      const keys = await cache.keys(`truth-${id}:*`);
      if (keys.length) await cache.del(...keys);
      cache.disconnect();
    },
  };
}

async function waitUntilUp(child: ChildProcess, url: string, stderr: () => string): Promise<void> {
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`gunicorn exited with ${child.exitCode}: ${stderr().slice(-2000)}`);
    try {
      await fetch(`${url}/slow?ms=0`);
      return;
    } catch {
      if (i > 150) throw new Error(`gunicorn did not start: ${stderr().slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
