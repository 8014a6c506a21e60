/**
 * web.sessions-external with no sources.sessions in the config: the Redis source scans for Django cache-session
 * keys by default. Against the real Redis on 127.0.0.1:6379, in databases of this test's own (keys under its own
 * prefix, deleted after): an app that keeps sessions in the cache passes, and the finding says what was scanned;
 * an app whose sessions are elsewhere is not-measured with the reason; `sessions: false` scans nothing.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/load.js';
import type { ConfigInput } from '../../../src/config/schema.js';
import { startRun } from '../../../src/run/pipeline.js';
import type { Finding, RunResult } from '../../../src/result/run-result.js';
import { startDjangoLikeApp, type DjangoLikeApp } from '../../support/django-like-app.js';

const WITH_SESSIONS = 'redis://127.0.0.1:6379/13';
const WITHOUT_SESSIONS = 'redis://127.0.0.1:6379/12';
const prefix = `sess-${randomUUID().slice(0, 8)}`;
const apps: DjangoLikeApp[] = [];
const runs: Record<'cache' | 'elsewhere' | 'off', RunResult> = {} as never;
let storedByFirstRun = 0;

async function run(app: DjangoLikeApp, sources: ConfigInput['sources']): Promise<RunResult> {
  const config = validateConfig({
    target: app.url,
    endpoints: [
      { name: 'page', path: '/page?ms=1', weight: 3 },
      { name: 'login', path: '/login', weight: 1 },
    ],
    load: { rate: 20, duration: '2s', timeout: '2s' },
    sources: { interval: '500ms', ...sources },
  });
  return startRun(config).result;
}

async function deleteOwnKeys(url: string): Promise<void> {
  const redis = new Redis(url);
  try {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

beforeAll(async () => {
  const cache = await startDjangoLikeApp({ redisUrl: WITH_SESSIONS, sessionsInRedis: true, keyPrefix: prefix });
  const elsewhere = await startDjangoLikeApp({ redisUrl: WITHOUT_SESSIONS, keyPrefix: prefix });
  apps.push(cache, elsewhere);
  runs.cache = await run(cache, { redis: [WITH_SESSIONS] });
  storedByFirstRun = (await cache.stats()).sessionsStored;
  runs.elsewhere = await run(elsewhere, { redis: [WITHOUT_SESSIONS] });
  runs.off = await run(cache, { redis: [WITH_SESSIONS], sessions: false });
}, 60_000);

afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  await Promise.all([deleteOwnKeys(WITH_SESSIONS), deleteOwnKeys(WITHOUT_SESSIONS)]);
});

const sessions = (r: RunResult): Finding => r.findings.find((f) => f.id === 'web.sessions-external')!;

describe('the session scan on by default', () => {
  it('finds the Django cache sessions the logins stored, and says what it scanned', () => {
    expect(storedByFirstRun).toBeGreaterThan(0);
    const f = sessions(runs.cache);
    expect(f.status).toBe('pass');
    expect(f.value).toBeGreaterThanOrEqual(storedByFirstRun); // a crashed earlier run may leave keys for 120 s
    expect(f.message).toMatch(/^session cookie sessionid \(\d+ responses\); \d+ session keys in Redis \(/);
    expect(f.message).toMatch(
      /\(SCAN \*django\.contrib\.sessions\.cache\* over all \d+ keys of redis:\/\/127\.0\.0\.1:6379\/13\)$/,
    );
    expect(runs.cache.sources.redis!.description).toMatch(/\(INFO stats, SCAN sessions\)$/);
  });

  it('is not-measured with the reason when the Redis holds no session keys', () => {
    const f = sessions(runs.elsewhere);
    expect(f.status).toBe('not-measured');
    expect(f.message).toMatch(/^session cookie sessionid \(\d+ responses\) issued, but no session key found in Redis/);
    expect(f.message).toMatch(
      /\(SCAN \S+ over all \d+ keys of redis:\/\/127\.0\.0\.1:6379\/12\): sessions are in the database/,
    );
    expect(runs.elsewhere.sources.redis!.deltas.sessions).toMatchObject({ found: 0, complete: true });
  });

  it('scans nothing with sessions: false, and says so', () => {
    const f = sessions(runs.off);
    expect(f).toMatchObject({ status: 'not-measured' });
    expect(f.message).toMatch(/the session scan is off \(sources\.sessions: false\)$/);
    expect(runs.off.sources.redis!.deltas.sessions).toBeUndefined();
    expect(runs.off.sources.redis!.description).toMatch(/\(INFO stats\)$/);
  });
});
