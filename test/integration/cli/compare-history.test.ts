/**
 * The history store and compare through the built CLI, against a real HTTP target on loopback: runs recorded,
 * listed, trended and compared with --baseline; a compare gate that could not compare fails; --report-out on
 * run, report and compare; secrets never in the store; a truncated store is exit 2.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';

let target: TargetServer;
let dir: string;
const p = (name: string): string => join(dir, name);
const DSN_PASSWORD = 'pw-HISTORY-5150';
const TOKEN = 'tok-HISTORY-8086';

const run = (out: string, path: string, extra: string[] = []) =>
  runCli(
    ['run', '--target', target.url, '--path', path, '--rate', '40', '--duration', '2s', '--warmup', '0s'].concat([
      '--out',
      p(out),
      '--history',
      p('h.db'),
      '--header',
      `Authorization: Bearer ${TOKEN}`,
      ...extra,
    ]),
    { cwd: dir },
  );

beforeAll(async () => {
  target = await startTargetServer();
  dir = mkdtempSync(join(tmpdir(), 'sa-compare-history-'));
  const first = await run('a.json', '/delay?ms=5', [
    '--label',
    'base',
    '--pg',
    `postgres://postgres:${DSN_PASSWORD}@127.0.0.1:5432/postgres`,
  ]);
  expect(first.code, first.stderr).toBe(0);
  expect(first.stderr).toMatch(/recorded as run #1 in .*h\.db/);
  const second = await run('b.json', '/delay?ms=5', ['--report-out', p('b.md'), '--format', 'md']);
  expect(second.code, second.stderr).toBe(0);
});

afterAll(async () => {
  await target.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('history', () => {
  it('lists the recorded runs with their label, filtered', async () => {
    const all = await runCli(['history', '--history', p('h.db'), '--json']);
    expect(all.code, all.stderr).toBe(0);
    const rows = JSON.parse(all.stdout) as { id: number; label: string | null; requests: number }[];
    expect(rows.map((r) => [r.id, r.label])).toEqual([
      [1, 'base'],
      [2, null],
    ]);
    expect(rows[0]!.requests).toBeGreaterThan(40);
    const base = await runCli(['history', '--history', p('h.db'), '--label', 'base']);
    expect(base.stdout).toMatch(/│ 1 /);
    expect(base.stdout).not.toMatch(/│ 2 /);
  });

  it('trends p95 per run with its interval, on the terminal and as a self-contained HTML chart', async () => {
    const text = await runCli(['history', 'trend', '--history', p('h.db'), '--figure', 'p95']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/p95 per recorded run \(99% intervals\)/);
    expect(text.stdout).toMatch(/\(first\)/);
    const page = await runCli(
      ['history', 'trend', '--history', p('h.db'), '--figure', 'p95', '--format', 'html'].concat([
        '--out',
        p('trend.html'),
      ]),
    );
    expect(page.code, page.stderr).toBe(0);
    const html = readFileSync(p('trend.html'), 'utf8');
    expect(html).toMatch(/<polyline[^>]*data-series="p95"[^>]*data-points="2"/);
    expect(html).toMatch(/data-series="interval-high"/);
    expect(html).not.toMatch(/<script src=|<link /);
  });

  it('compare --baseline last takes the run before the after run from the store', async () => {
    const r = await runCli(
      ['compare', '--baseline', 'last', p('b.json'), '--history', p('h.db')].concat([
        '--format',
        'json',
        '--report-out',
        p('c.json'),
        '--fail-on-regression',
        // 2 s runs cannot judge every gate figure: this test is about the baseline, not the gate.
        '--allow-inconclusive',
      ]),
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/baseline: run #1/);
    const c = JSON.parse(readFileSync(p('c.json'), 'utf8'));
    expect(c.before.started_at).toBe(JSON.parse(readFileSync(p('a.json'), 'utf8')).started_at);
    expect(c.gates_compared).toContain('latency.p95');
  });

  it('never stores a secret: no DSN password or bearer token in any store file', () => {
    for (const name of readdirSync(dir).filter((n) => n.startsWith('h.db'))) {
      const bytes = readFileSync(p(name)).toString('latin1');
      expect(bytes).not.toContain(DSN_PASSWORD);
      expect(bytes).not.toContain(TOKEN);
    }
  });

  it('exits 2 with a clear message on a truncated store', async () => {
    copyFileSync(p('h.db'), p('t.db'));
    truncateSync(p('t.db'), Math.floor(statSync(p('t.db')).size / 2));
    const r = await runCli(['history', '--history', p('t.db')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/history store .*t\.db cannot be used .*corrupt/);
    const before = await run('x.json', '/delay?ms=5', ['--history', p('t.db')]);
    expect(before.code).toBe(2);
  });
});

describe('compare gates', () => {
  it('fails --fail-on-regression when nothing gate-worthy could be compared; --map pairs the endpoints', async () => {
    const other = await run('slow.json', '/delay?ms=60', ['--no-history']);
    expect(other.code, other.stderr).toBe(0);
    const none = await runCli(['compare', p('a.json'), p('slow.json'), '--fail-on-regression']);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/nothing gate-worthy could be compared: the runs share no endpoint/);
    const names = (f: string): string[] => Object.keys(JSON.parse(readFileSync(p(f), 'utf8')).endpoints);
    const map = `${names('a.json')[0]}=${names('slow.json')[0]}`;
    const mapped = await runCli(['compare', p('a.json'), p('slow.json'), '--map', map, '--format', 'json']);
    expect(mapped.code, mapped.stderr).toBe(0);
    const c = JSON.parse(mapped.stdout);
    expect(c.endpoint_map).toEqual(Object.fromEntries([map.split(/=(?=\/delay\?ms=60)/)]));
    expect(c.gates_compared).toEqual(expect.arrayContaining(['latency.p95', 'error_rate']));
    const p50 = c.figures.find((f: { id: string }) => f.id === 'latency.p50');
    expect(p50.after).toBeGreaterThan(p50.before);
    const history = JSON.parse((await runCli(['history', '--history', p('h.db'), '--json'])).stdout);
    expect(history).toHaveLength(2);
  });

  it('accepts --report-out on run, report and compare (and keeps --out on compare and report)', async () => {
    expect(readFileSync(p('b.md'), 'utf8')).toMatch(/^#/m);
    const report = await runCli(['report', p('a.json'), '--format', 'md', '--report-out', p('a.md')]);
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toBe('');
    expect(readFileSync(p('a.md'), 'utf8')).toMatch(/^#/m);
    const out = await runCli(['compare', p('a.json'), p('b.json'), '--format', 'md', '--out', p('o.md')]);
    expect(out.code, out.stderr).toBe(0);
    expect(readFileSync(p('o.md'), 'utf8')).toMatch(/\| Figure/);
    const clash = await runCli(['compare', p('a.json'), p('b.json'), '--out', p('1.md'), '--report-out', p('2.md')]);
    expect(clash.code).toBe(2);
  });
});
