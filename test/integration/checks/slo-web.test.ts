/**
 * The SLO, web-tier and observability rules driven both ways by real runs: three short runs against apps on
 * loopback that behave like Django under gunicorn sync workers, with sessions in a real Redis or not.
 * - healthy: fast pages with trace headers, sessions in Redis, a rate limit answered 429 + Retry-After
 *   (expected by the endpoint) → every rule passes;
 * - overloaded: 2 sync workers at 250 ms a page, 20 req/s, 1 s timeout → most requests time out
 *   (issue #13 item 1: throughput counted the timeouts as throughput), no trace headers;
 * - throttled: a rate limit of 4 req/s on 60 % of 20 req/s → ~40 % 429s without Retry-After, an affinity
 *   cookie, a session cookie without sessions in Redis.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { validateConfig } from '../../../src/config/load.js';
import type { ConfigInput } from '../../../src/config/schema.js';
import { startRun } from '../../../src/run/pipeline.js';
import type { Finding, RunResult } from '../../../src/result/run-result.js';
import { startDjangoLikeApp, type DjangoLikeApp } from '../../support/django-like-app.js';
import { startRedisServer, type RedisServer } from '../../support/redis-server.js';

// A throwaway Redis: the bounded session SCAN must not depend on how many keys other tests left behind.
let redis: RedisServer;
let redisUrl = '';
const prefix = `va-${randomUUID().slice(0, 8)}`;
const apps: DjangoLikeApp[] = [];
const runs: Record<'healthy' | 'overloaded' | 'throttled', RunResult> = {} as never;

function configFor(app: DjangoLikeApp, rest: Partial<ConfigInput>): ConfigInput {
  return {
    target: app.url,
    load: { rate: 20, duration: '3s', warmup: '500ms', timeout: '1s' },
    sources: {
      interval: '500ms',
      redis: [redisUrl],
      sessions: { pattern: `${prefix}*django.contrib.sessions.cache*` },
    },
    ...rest,
  } as ConfigInput;
}

async function run(input: ConfigInput): Promise<RunResult> {
  return startRun(validateConfig(input)).result;
}

beforeAll(async () => {
  redis = await startRedisServer();
  redisUrl = redis.url(0);
  const healthy = await startDjangoLikeApp({
    tracing: true,
    redisUrl: redisUrl,
    sessionsInRedis: true,
    keyPrefix: prefix,
    limitPerS: 12,
    retryAfter: true,
  });
  const overloaded = await startDjangoLikeApp({ workers: 2 });
  const throttled = await startDjangoLikeApp({ limitPerS: 4, redisUrl: redisUrl, keyPrefix: `${prefix}-no-store` });
  apps.push(healthy, overloaded, throttled);
  // One after the other: the generator's own schedule lag would make a throughput shortfall inconclusive.
  runs.healthy = await run(
    configFor(healthy, {
      load: { rate: 30, duration: '3s', warmup: '500ms', timeout: '1s' },
      endpoints: [
        { name: 'page', path: '/page?ms=5', weight: 3 },
        { name: 'login', path: '/login', weight: 1 },
        { name: 'limited', path: '/limited', weight: 2, expect: [200, 429] },
      ],
    }),
  );
  runs.overloaded = await run(
    configFor(overloaded, { endpoints: [{ name: 'page', path: '/page?ms=250' }], sources: {} }),
  );
  runs.throttled = await run(
    configFor(throttled, {
      endpoints: [
        { name: 'limited', path: '/limited', weight: 3 },
        { name: 'login', path: '/login', weight: 1 },
        { name: 'sticky', path: '/sticky', weight: 1 },
      ],
      sources: { redis: [redisUrl], sessions: { pattern: `${prefix}-no-store*django.contrib.sessions.cache*` } },
    }),
  );
}, 60_000);

afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  await redis?.stop();
});

const finding = (r: RunResult, id: string): Finding => {
  const f = r.findings.find((x) => x.id === id);
  if (!f) throw new Error(`no finding ${id}`);
  return f;
};

/**
 * Short of the target rate in successful responses: a fail. Only when this busy machine made the generator itself
 * late *and* fewer requests were answered than asked for is it the honest "inconclusive" not-measured.
 */
function expectShort(r: RunResult, below: number): Finding {
  const f = finding(r, 'slo.throughput');
  expect(f.value as number).toBeLessThan(below);
  const answered = r.summary.rps / r.summary.target_rps!;
  if (r.generator.lagged && answered < 0.97) expect(f).toMatchObject({ status: 'not-measured' });
  else expect(f.status).toBe('fail');
  expect(f.message).toMatch(/\d+(\.\d)? successful of 20 req\/s/);
  return f;
}

describe('a healthy app: every SLO, web and tracing rule passes from the run', () => {
  it('meets latency, errors and throughput', () => {
    const r = runs.healthy;
    expect(finding(r, 'slo.latency')).toMatchObject({ status: 'pass' });
    expect(finding(r, 'slo.errors')).toMatchObject({ status: 'pass', value: 0 });
    const throughput = finding(r, 'slo.throughput');
    expect(throughput.status).toBe('pass');
    expect(throughput.message).toMatch(/successful/);
  });

  it('sees the session cookie and the sessions in Redis', () => {
    const f = finding(runs.healthy, 'web.sessions-external');
    expect(f.status).toBe('pass');
    expect(f.message).toMatch(/^session cookie sessionid \(\d+ responses\); \d+ session keys in Redis/);
    expect(f.value).toBeGreaterThan(0);
  });

  it('sheds the rate-limited requests with 429 + Retry-After, no affinity cookie, trace headers everywhere', () => {
    const r = runs.healthy;
    expect(finding(r, 'web.backpressure')).toMatchObject({ status: 'pass' });
    expect(finding(r, 'web.backpressure').message).toMatch(/^overload shed cleanly: \d+ fast rejections/);
    expect(finding(r, 'web.no-sticky')).toMatchObject({ status: 'pass' });
    expect(finding(r, 'obs.tracing')).toMatchObject({ status: 'pass', value: 1 });
  });
});

describe('an overloaded app with 2 sync workers: timeouts are not throughput', () => {
  it('fails throughput on successful responses only', () => {
    const r = runs.overloaded;
    const s = r.summary;
    expect(s.errors_by_class.timeout / s.requests).toBeGreaterThan(0.3);
    const f = expectShort(r, 0.7);
    expect(f.value as number).toBeCloseTo((s.requests - s.errors) / r.duration_s / s.target_rps!, 2);
  });

  it('fails latency, errors and backpressure, naming the timeouts', () => {
    const r = runs.overloaded;
    expect(finding(r, 'slo.latency')).toMatchObject({ status: 'fail' });
    expect(finding(r, 'slo.errors')).toMatchObject({ status: 'fail' });
    expect(finding(r, 'slo.errors').message).toMatch(/mostly timeout/);
    expect(finding(r, 'web.backpressure')).toMatchObject({ status: 'fail' });
    expect(finding(r, 'web.backpressure').message).toMatch(/^overload showed as timeouts: 0 fast rejections/);
  });

  it('has no trace headers', () => {
    expect(finding(runs.overloaded, 'obs.tracing')).toMatchObject({ status: 'warn', value: 0 });
    expect(finding(runs.overloaded, 'obs.tracing').message).toMatch(/^no traceparent, X-Request-ID or Server-Timing/);
  });
});

describe('an app throttling ~40 % of requests with 429', () => {
  it('fails throughput and points the error remedy at the rate limit', () => {
    const r = runs.throttled;
    const rejected = (r.summary.status_codes['429'] ?? 0) / r.summary.requests;
    expect(rejected).toBeGreaterThan(0.3);
    expectShort(r, 0.8);
    const errors = finding(r, 'slo.errors');
    expect(errors).toMatchObject({ status: 'fail' });
    expect(errors.message).toMatch(/mostly HTTP 429/);
    expect(errors.remedy).toMatch(/rate limit/);
    expect(errors.remedy).not.toMatch(/CSRF|payload/);
  });

  it('flags the affinity cookie, and says sessions were not found in Redis', () => {
    const r = runs.throttled;
    expect(finding(r, 'web.no-sticky')).toMatchObject({ status: 'fail' });
    expect(finding(r, 'web.no-sticky').message).toMatch(/^affinity cookie set: AWSALB \(\d+×\)/);
    const sessions = finding(r, 'web.sessions-external');
    expect(sessions.status).toBe('not-measured');
    expect(sessions.message).toMatch(/^session cookie sessionid \(\d+ responses\) issued, but no session key/);
  });

  it('warns that the 429s carry no Retry-After', () => {
    const f = finding(runs.throttled, 'web.backpressure');
    expect(f.status).toBe('warn');
    expect(f.message).toMatch(/\d+ rejections without Retry-After$/);
  });
});
