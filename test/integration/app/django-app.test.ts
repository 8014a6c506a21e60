/**
 * The app's own truth per request, read under load from a real Django 3.2 site (scale_audit_django first in
 * MIDDLEWARE) under gunicorn sync workers, on real PostgreSQL, a django-redis cache and Celery on Redis.
 */
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/result/run-result.js';
import { runCli } from '../../support/cli.js';
import { startDjangoTruth, type DjangoTruth } from '../../support/django-truth.js';

let site: DjangoTruth;
let busy: DjangoTruth;
beforeAll(async () => {
  [site, busy] = await Promise.all([startDjangoTruth({ workers: 4 }), startDjangoTruth({ workers: 2 })]);
}, 60_000);
afterAll(async () => {
  await Promise.all([site?.close(), busy?.close()]);
});

interface Run {
  result: RunResult;
  code: number | null;
  output: string;
  dir: string;
}

async function run(config: Record<string, unknown>, extra: string[] = []): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), 'sa-app-'));
  writeFileSync(join(dir, 'config.json'), JSON.stringify(config));
  const out = join(dir, 'run.json');
  const cli = await runCli(
    ['run', '--config', join(dir, 'config.json'), '--out', out, '--history', join(dir, 'history.db'), ...extra],
    { cwd: dir, timeoutMs: 60_000 },
  );
  if (cli.code !== 0 && cli.code !== 1) throw new Error(`run exited ${cli.code}: ${cli.stderr}`);
  return {
    result: JSON.parse(readFileSync(out, 'utf8')) as RunResult,
    code: cli.code,
    output: cli.stdout + cli.stderr,
    dir,
  };
}

const finding = (r: RunResult, id: string) => r.findings.find((f) => f.id === id)!;

/** Another client running the N+1's own lookup on the same database all the time the run lasts. */
function hammer(dsn: string): () => Promise<number> {
  const client = new pg.Client({ connectionString: dsn });
  let stop = false;
  let calls = 0;
  const loop = (async () => {
    await client.connect();
    while (!stop) {
      await client.query(
        'SELECT "truthapp_category"."id", "truthapp_category"."name" FROM "truthapp_category" ' +
          'WHERE "truthapp_category"."id" = $1',
        [1 + (calls++ % 3)],
      );
    }
    await client.end();
  })();
  return async () => {
    stop = true;
    await loop;
    return calls;
  };
}

const MIX = (s: DjangoTruth) => ({
  target: s.url,
  // The preflight GETs the last GET endpoint once: not publish, so that the broker's count is the run's alone.
  endpoints: [
    { name: 'publish', path: '/publish' },
    { name: 'n_plus_one', path: '/products/n-plus-one?limit=8' },
    { name: 'joined', path: '/products/joined?limit=8' },
    { name: 'cache', path: '/cache?hits=3&misses=2' },
  ],
  load: { rate: 24, duration: '3s', warmup: '0s', pool: 16 },
});

describe('per-request truth from the app (scale_audit_django)', () => {
  it('counts each endpoint exactly under a mixed load, while another client hammers the same database', async () => {
    const stopHammer = hammer(site.dsn);
    const before = (await site.queued('high')) + (await site.queued('low'));
    const { result, output, dir } = await run({ ...MIX(site), app: { token: site.token } });
    const hammered = await stopHammer();
    expect(hammered).toBeGreaterThan(100);
    const ep = result.endpoints;
    for (const e of Object.values(ep)) expect(e.app!.responses).toBe(e.summary.requests);
    expect(ep.n_plus_one!.app).toMatchObject({ queries_per_request: 9, duplicate_queries_per_request: 8 });
    expect(ep.n_plus_one!.app!.top_duplicate!.per_request).toBe(8);
    expect(ep.n_plus_one!.app!.top_duplicate!.statement).toContain(
      'FROM "truthapp_category" WHERE "truthapp_category"."id" = ?',
    );
    expect(ep.joined!.app).toMatchObject({ queries_per_request: 1, duplicate_queries_per_request: 0 });
    expect(ep.joined!.app!.top_duplicate).toBeUndefined();
    expect(ep.cache!.app).toMatchObject({ cache_hits_per_request: 3, cache_misses_per_request: 2 });
    expect(ep.publish!.app!.tasks_per_request).toEqual({ high: 1, low: 1 });
    const published = (await site.queued('high')) + (await site.queued('low')) - before;
    expect(published).toBe(2 * ep.publish!.summary.requests);
    expect(result.summary.app!.responses).toBe(result.summary.requests);

    const n1 = finding(result, 'db.n-plus-one');
    expect(n1.status).toBe('fail');
    expect(n1.message).toContain('n_plus_one runs "SELECT');
    expect(n1.message).toContain("the app's own counts");
    const qpr = finding(result, 'db.queries-per-request');
    expect(qpr.message).toContain("the app's own counts");
    expect(qpr.status).toBe('pass'); // 9 on the worst endpoint, within the default budget of 10

    for (const file of readdirSync(dir).filter((f) => f !== 'config.json'))
      expect([file, readFileSync(join(dir, file)).includes(site.token)]).toEqual([file, false]);
    expect(output).not.toContain(site.token);
  }, 60_000);

  it('two worker threads add up exactly, and a budget under the N+1 endpoint names it', async () => {
    const mix = MIX(site);
    // Two workers need ≥ 25 req/s each at the peak (src/load/plan/worker-count.ts).
    const load = { ...mix.load, rate: 50, duration: '2s' };
    const config = { ...mix, load, app: { token: site.token }, budgets: { queries_per_request: 5 }, workers: 2 };
    const { result } = await run(config);
    expect(result.plan.workers).toBe(2);
    expect(result.endpoints.n_plus_one!.app).toMatchObject({
      queries_per_request: 9,
      duplicate_queries_per_request: 8,
    });
    expect(result.summary.app!.responses).toBe(result.summary.requests);
    const qpr = finding(result, 'db.queries-per-request');
    expect(qpr.status).toBe('warn');
    expect(qpr.message).toMatch(/but n_plus_one 9 over the budget 5/);
  }, 60_000);

  it('with a wrong token the app reports nothing, and the tool says why', async () => {
    const { result, output } = await run({ ...MIX(site), app: { token: 'not-the-token' } });
    expect(result.summary.app!.responses).toBe(0);
    expect(result.summary.app!.without).toBe(result.summary.requests);
    const q = finding(result, 'web.queueing');
    expect(q.status).toBe('not-measured');
    expect(q.message).toContain('none of');
    expect(q.remedy).toContain('SCALE_AUDIT_TOKEN');
    expect(finding(result, 'db.n-plus-one').message).not.toContain("app's own");
    expect(output).not.toContain('not-the-token');
  }, 60_000);

  it('without app.token no Server-Timing figures are asked for', async () => {
    const { result } = await run(MIX(site));
    expect(result.summary.app).toBeUndefined();
    expect(finding(result, 'web.queueing')).toMatchObject({ status: 'not-measured' });
    expect(finding(result, 'web.queueing').message).toContain('did not report');
  }, 60_000);

  it('web.queueing: 2 sync workers pass well below capacity and fail past it, naming the workers', async () => {
    const slow = (rate: number) => ({
      target: busy.url,
      endpoints: [{ name: 'slow', path: '/slow?ms=100' }],
      // 64 sockets opened up front against 2 gunicorn sync workers: used newest first, every request waited behind
      // the idle ones the workers had accepted (all 12 calm requests failed); oldest first they are served.
      load: { rate, duration: '3s', warmup: '0s', pool: 64 },
    });
    const calm = await run(slow(4), ['--app-token', busy.token]);
    expect(finding(calm.result, 'web.queueing').status).toBe('pass');
    const over = await run(slow(40), ['--app-token', busy.token]);
    const q = finding(over.result, 'web.queueing');
    expect(q.status).toBe('fail');
    expect(q.message).toContain("the app server's workers were all busy");
    // 2 workers × 100 ms serve 20 req/s: at 40 req/s the backlog grows for 3 s, so the waits reach far past 30 ms.
    expect(over.result.endpoints.slow!.app!.outside_app_ms.p95).toBeGreaterThan(500);
    expect(over.result.endpoints.slow!.app!.app_ms.p50).toBeGreaterThanOrEqual(100);
    expect(over.output).not.toContain(busy.token);
  }, 60_000);
});
