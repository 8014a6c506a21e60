import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../support/ports.js';
import { BIN, runCli } from '../../support/cli.js';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';
import type { RunResult } from '../../../src/result/run-result.js';

let target: TargetServer;
let dir: string;

beforeAll(async () => {
  target = await startTargetServer();
});
afterAll(async () => {
  await target.close();
});
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scale-audit-cli-'));
  await target.reset();
});

const file = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

describe('bad config exits 2 and names the field', () => {
  it('bad YAML', async () => {
    const r = await runCli(['run', '--config', file('bad.yml', 'target: [unclosed\nload: {')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bad\.yml.*not valid YAML/);
  });

  it('unknown field, wrong type, negative rate', async () => {
    let r = await runCli(['run', '--config', file('a.yml', `target: ${target.url}\nlod: {rate: 5}\n`)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('lod: unknown field');
    r = await runCli([
      'run',
      '--config',
      file('b.yml', `target: ${target.url}\nendpoints: [{path: /a, weight: heavy}]\n`),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('endpoints[0].weight: expected a positive number, got "heavy"');
    r = await runCli(['run', '--target', target.url, '--rate', '-5']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('load.rate: expected a positive number, got -5');
    expect((await target.stats()).count).toBe(0);
  });
});

describe('unreachable target exits 3 before any load', () => {
  it('refused', async () => {
    const port = await freePort();
    const r = await runCli([
      'run',
      '--target',
      `http://127.0.0.1:${port}`,
      '--rate',
      '10',
      '--duration',
      '1s',
      '--out',
      join(dir, 'r.json'),
    ]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/unreachable: connection refused/);
    expect(existsSync(join(dir, 'r.json'))).toBe(false);
  });

  it('DNS', async () => {
    const r = await runCli(['run', '--target', 'http://no-such-host.invalid', '--rate', '10', '--duration', '1s']);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/DNS lookup failed/);
  });
});

describe('run', () => {
  it('drives flags-only load, writes run.json with redacted headers, prints no live line when piped', async () => {
    const out = join(dir, 'run.json');
    const r = await runCli([
      'run',
      '--target',
      target.url,
      '--path',
      '/fast',
      '--path',
      'GET /delay?ms=20',
      '--rate',
      '100',
      '--duration',
      '2s',
      '--header',
      'Authorization: Bearer sekrit-token-123',
      '--out',
      out,
      '--format',
      'json',
    ]);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toContain('\r');
    const result = JSON.parse(readFileSync(out, 'utf8')) as RunResult;
    expect(result.version).toBe(1);
    expect(result.summary.requests).toBeGreaterThan(180);
    expect(Object.keys(result.endpoints)).toEqual(['/fast', '/delay?ms=20']);
    expect(result.endpoints['/delay?ms=20']!.summary.latency_ms.p50).toBeGreaterThanOrEqual(20);
    expect(result.timeline.length).toBeGreaterThanOrEqual(2);
    expect(readFileSync(out, 'utf8')).not.toContain('sekrit-token-123');
    expect(r.stdout).not.toContain('sekrit-token-123');
    expect(JSON.parse(r.stdout).summary.requests).toBe(result.summary.requests);
  });

  it('--dry-run prints the plan and sends nothing', async () => {
    const r = await runCli([
      'run',
      '--target',
      target.url,
      '--path',
      '/fast',
      '--rate',
      '50',
      '--duration',
      '10s',
      '--warmup',
      '2s',
      '--dry-run',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/≈ 500 measured \(\+ 100 warmup\)/);
    expect((await target.stats()).count).toBe(0);
  });
});

describe('init and demo', () => {
  it('init writes a starter config that run accepts, and will not overwrite it', async () => {
    let r = await runCli(['init'], { cwd: dir });
    expect(r.code).toBe(0);
    const written = readFileSync(join(dir, 'scale-audit.yml'), 'utf8');
    expect(written).toContain('endpoints:');
    // The editor's schema line names the schema this build ships, relative to the config.
    const schema = /^# yaml-language-server: \$schema=(\S+)\n/.exec(written)?.[1];
    expect(readFileSync(resolve(dir, schema!), 'utf8')).toBe(
      readFileSync(join(BIN, '../../schema/scale-audit.schema.json'), 'utf8'),
    );
    r = await runCli(['run', '--dry-run'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('/api/products?page=1');
    r = await runCli(['init'], { cwd: dir });
    expect(r.code).toBe(2);
  });

  it('demo runs against the built-in target and its database, and measures the Database category', async () => {
    const r = await runCli(['demo', '--duration', '3s', '--out', join(dir, 'demo.json')], { timeoutMs: 60_000 });
    const result = JSON.parse(readFileSync(join(dir, 'demo.json'), 'utf8')) as RunResult;
    // Exit 1 only when a latency or error gate failed (a busy machine can push p95 up), never for the findings.
    expect(r.code).toBe(result.gates.every((g) => g.passed) ? 0 : 1);
    expect(Object.keys(result.endpoints).sort()).toEqual([
      'asset',
      'checkout',
      'products',
      'products_deep',
      'products_joined',
      'search',
    ]);
    // Known behaviour of the built-in target: search ~120 ms, checkout fails 1 in 20.
    expect(result.endpoints.search!.summary.latency_ms.p50).toBeGreaterThanOrEqual(120);
    const checkout = result.endpoints.checkout!.summary;
    expect(checkout.status_codes['503']).toBe(checkout.errors);
    expect(Math.abs(checkout.error_rate - 0.05)).toBeLessThan(0.04);
    // The database behind it, sampled by the Postgres source with a profile phase: 1 + 10 queries on the N+1
    // list, 1 on its JOIN twin, and the same list statement much slower at the deep OFFSET.
    const perEndpoint = result.evidence.db!.per_endpoint!;
    expect(perEndpoint.products!.queries_per_request).toBeCloseTo(11, 5);
    expect(perEndpoint.products_joined!.queries_per_request).toBeCloseTo(1, 5);
    const finding = (id: string) => result.findings.find((f) => f.id === id)!;
    expect(finding('db.n-plus-one').status).toBe('fail');
    expect(finding('db.n-plus-one').message).toContain('SELECT name FROM suppliers WHERE id = $1');
    expect(finding('db.n-plus-one').message).toContain('products');
    expect(finding('db.offset-pagination').status).toBe('warn');
    expect(finding('db.offset-pagination').message).toContain('SELECT id, name, supplier_id, price FROM products');
    for (const id of ['db.queries-per-request', 'db.buffer-hit', 'db.connections'])
      expect(finding(id).status).not.toBe('not-measured');
    expect(r.stdout).toMatch(/Database \d+/);
  });
});
