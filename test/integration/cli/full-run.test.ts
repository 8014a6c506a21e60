/**
 * The whole tool against real systems: a Postgres primary + streaming replica + pgbouncer, a password-protected
 * Redis, and an app with a known N+1. Checks the numbers, the N+1 finding, and that no secret leaks anywhere.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../support/cli.js';
import {
  startPostgresCluster,
  withClient,
  PASSWORD_ROLE,
  type PostgresCluster,
} from '../../support/postgres-cluster.js';
import { startPostgresApp, type PostgresApp } from '../../support/app-postgres.js';
import { startRedisServer, type RedisServer } from '../../support/redis-server.js';
import type { RunResult } from '../../../src/result/run-result.js';

const K = 6; // the per-row statement runs K times per request: over db.n-plus-one's default of 5
const TOKEN = 'tok-SECRET-9f8e7d6c';
const REDIS_PASSWORD = 'r3dis-Secret-5521';
let cluster: PostgresCluster;
let app: PostgresApp;
let redis: RedisServer;
let dir: string;

beforeAll(async () => {
  cluster = await startPostgresCluster({ replica: true, pgbouncer: true });
  // What the README asks of a monitoring role: pg_monitor, so other users' statement texts are visible.
  await withClient(cluster.primaryDsn, (c) => c.query(`GRANT pg_monitor TO ${PASSWORD_ROLE.user}`));
  app = await startPostgresApp({ primaryDsn: cluster.primaryDsn, replicaDsn: cluster.replicaDsn, k: K });
  redis = await startRedisServer({ password: REDIS_PASSWORD });
  dir = mkdtempSync(join(tmpdir(), 'scale-audit-full-'));
}, 120_000);

afterAll(async () => {
  await app?.close();
  await redis?.stop();
  await cluster?.stop();
});

function writeConfig(primaryDsn: string): string {
  const file = join(dir, `config-${Date.now()}.yml`);
  writeFileSync(
    file,
    [
      `target: ${app.url}`,
      `headers: { Authorization: "Bearer ${TOKEN}" }`,
      'endpoints:',
      '  - { name: n-plus-one, path: /n-plus-one, weight: 1 }',
      '  - { name: single, path: /single, weight: 1 }',
      '  - { name: read, path: /read, weight: 1 }',
      'load: { rate: 30, duration: 4s }',
      'profile: { rate: 5, duration: 2s }',
      'sources:',
      '  interval: 500ms',
      '  postgres:',
      `    primary: "${primaryDsn}"`,
      `    replicas: ["${cluster.replicaDsn}"]`,
      `    pgbouncer: "${cluster.pgbouncerAdminDsn}"`,
      `  redis: ["${redis.url(0)}"]`,
      'slo: { p95: 2s }',
    ].join('\n'),
  );
  return file;
}

describe('a full run against real Postgres, replica, pgbouncer and Redis', () => {
  it('measures queries per request, names the N+1, sees replica reads, and leaks no secret', async () => {
    const out = join(dir, 'run.json');
    const config = writeConfig(cluster.passwordDsn(PASSWORD_ROLE.password));
    const r = await runCli(['run', '--config', config, '--out', out, '--format', 'md'], { timeoutMs: 90_000 });
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.code).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8')) as RunResult;
    const n = (name: string) => result.endpoints[name]!.summary.requests;
    const expected = ((1 + K) * n('n-plus-one') + n('single') + n('read')) / result.summary.requests;
    expect(result.evidence.db?.queries_per_request).toBeGreaterThan(expected * 0.97);
    expect(result.evidence.db?.queries_per_request).toBeLessThan(expected * 1.03);
    expect(result.evidence.db?.per_endpoint?.['n-plus-one']?.queries_per_request).toBeCloseTo(1 + K, 1);
    expect(result.evidence.db?.per_endpoint?.single?.queries_per_request).toBeCloseTo(1, 1);
    const nPlusOne = result.findings.find((f) => f.id === 'db.n-plus-one')!;
    expect(nPlusOne.status).toBe('fail');
    expect(nPlusOne.message).toContain('n-plus-one');
    expect(nPlusOne.message).toMatch(/SELECT name FROM items WHERE id = \$1/);
    expect(result.evidence.db?.replicas?.[0]?.tup_returned).toBeGreaterThan(0);
    expect(result.evidence.db?.pooler?.present).toBe(true);
    expect(result.evidence.cache).toBeDefined();
    expect(result.profile?.['n-plus-one']?.requests).toBeGreaterThanOrEqual(9);

    // Every output and file: the terminal report, md, junit, html, json and run.json itself.
    const outputs = [r.stdout, r.stderr, readFileSync(out, 'utf8')];
    for (const format of ['terminal', 'json', 'md', 'junit', 'html']) {
      const rendered = await runCli(['report', out, '--format', format]);
      expect(rendered.code, format).toBe(0);
      outputs.push(rendered.stdout, rendered.stderr);
    }
    const html = join(dir, 'report.html');
    await runCli(['report', out, '--format', 'html', '--out', html]);
    outputs.push(readFileSync(html, 'utf8'));
    // Every file the tool wrote (the config files are its input and hold the secrets on purpose).
    for (const file of readdirSync(dir).filter((f) => !f.startsWith('config-')))
      outputs.push(readFileSync(join(dir, file), 'utf8'));
    for (const text of outputs) {
      for (const secret of [PASSWORD_ROLE.password, TOKEN, REDIS_PASSWORD]) expect(text).not.toContain(secret);
    }
  });

  it('a wrong password exits 3 before load, says why, and does not print it', async () => {
    const wrong = 'Wr0ng-Pa55word-xyz';
    const r = await runCli([
      'run',
      '--config',
      writeConfig(cluster.passwordDsn(wrong)),
      '--out',
      join(dir, 'never.json'),
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/authentication failed/);
    expect(r.stderr + r.stdout).not.toContain(wrong);
  });
});
