/**
 * `capacity` against a target of known capacity: 8 workers × 120 ms each = 66.7 req/s, in its own process. The
 * searches are short (2 s steps, coarse precision) so the file stays around half a minute.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../support/cli.js';
import { startCapacityTarget, type CapacityTarget } from '../../support/capacity-target.js';
import type { RunResult } from '../../../src/result/run-result.js';
import { buildRunResult } from '../../support/result-builder.js';

const WORKERS = 8;
const SERVICE_MS = 120;
const SHORT = ['--step', '2s', '--settle', '1s', '--cooldown', '1s', '--workers', '1'];

let target: CapacityTarget;
let dir: string;
beforeAll(async () => {
  target = await startCapacityTarget(WORKERS, SERVICE_MS);
  dir = mkdtempSync(join(tmpdir(), 'scale-audit-capacity-'));
});
afterAll(async () => {
  await target.close();
});

const read = (file: string): RunResult => JSON.parse(readFileSync(file, 'utf8')) as RunResult;

describe('capacity against N workers with a fixed service time', () => {
  it(
    'finds the capacity within the precision below N/S, ' + 'the step above fails, concurrency ≈ N, web tier named',
    async () => {
      const out = join(dir, 'web.json');
      const md = join(dir, 'web.md');
      const precision = 0.2;
      const r = await runCli(
        ['capacity', '--target', target.url, '--path', '/work', '--start', '40', '--precision', '20%', ...SHORT].concat(
          ['--min-rate', '40', '--out', out, '--format', 'md', '--report-out', md],
        ),
        { timeoutMs: 90_000 },
      );
      expect(r.code, r.stderr).toBe(0);
      const c = read(out).capacity!;
      const [lo, hi] = c.bracket as [number, number];
      expect(c.status).toBe('found');
      expect(c.max_rate).toBe(lo);
      expect(lo).toBeLessThanOrEqual(target.capacity);
      expect(lo).toBeGreaterThanOrEqual(target.capacity * (1 - precision));
      expect(hi).toBeGreaterThan(target.capacity);
      expect(c.steps.find((s) => s.rate === hi)!.passed).toBe(false);
      expect(c.confirmed).toBe(true);
      expect(c.concurrency_at_knee!).toBeGreaterThan(WORKERS * 0.85);
      expect(c.concurrency_at_knee!).toBeLessThan(WORKERS * 1.15);
      expect(c.limited_by[0]!.signal).toBe('web tier');
      expect(read(out).gates).toEqual([
        expect.objectContaining({ id: 'capacity.min_rate', passed: true, threshold: 40 }),
      ]);
      const markdown = readFileSync(md, 'utf8');
      expect(markdown).toContain('### Capacity');
      expect(markdown).toMatch(new RegExp(`max sustainable rate ${lo} req/s`));
      expect(markdown).toContain('`capacity.min_rate`');
      const html = await runCli(['report', out, '--format', 'html']);
      expect(html.code).toBe(0);
      expect(html.stdout).toContain('data-chart="capacity-latency"');
      expect(html.stdout).toMatch(/data-series="p95" data-points="\d+"/);
    },
  );

  it(
    'a generator capped below the capacity (limits.max_rate) is inconclusive, ' + 'and --min-rate then exits 1',
    async () => {
      const config = join(dir, 'capped.yml');
      writeFileSync(config, `target: ${target.url}\nendpoints: [{path: /work}]\nlimits: {max_rate: 30}\n`);
      const out = join(dir, 'capped.json');
      const r = await runCli(
        ['capacity', '--config', config, '--start', '20', '--min-rate', '10', '--out', out, ...SHORT],
        { timeoutMs: 60_000 },
      );
      expect(r.code, r.stderr).toBe(1);
      const c = read(out).capacity!;
      expect(c.status).toBe('inconclusive');
      expect(c.max_rate).toBeNull();
      expect(c.steps.map((s) => s.rate)).toEqual([20, 30]);
      expect(c.limited_by[0]).toMatchObject({ signal: 'generator' });
      expect(c.reason).toMatch(/limits\.max_rate 30/);
      expect(r.stdout).toMatch(/inconclusive, not a capacity/);
    },
  );

  it('Ctrl-C mid-search exits 130 and writes the partial search', async () => {
    const out = join(dir, 'interrupted.json');
    let pid = 0;
    let stderr = '';
    const run = runCli(
      ['capacity', '--target', target.url, '--path', '/work', '--start', '20', '--out', out, ...SHORT],
      {
        onSpawn: (p) => (pid = p),
        onStderr: (chunk) => (stderr += chunk),
      },
    );
    for (let i = 0; i < 200 && !/step 1:/.test(stderr); i++) await new Promise((res) => setTimeout(res, 50));
    await new Promise((res) => setTimeout(res, 1500));
    process.kill(pid, 'SIGINT');
    const r = await run;
    expect(r.code, r.stderr).toBe(130);
    const result = read(out);
    expect(result.partial).toBe(true);
    expect(result.capacity!.status).toBe('interrupted');
    expect(result.capacity!.steps.length).toBeGreaterThanOrEqual(1);
    expect(result.capacity!.steps[0]).toMatchObject({ rate: 20, verdict: 'pass' });
  });

  it('--dry-run prints the steps and the longest it can take, and sends nothing', async () => {
    const before = (await target.stats()).served;
    const r = await runCli(['capacity', '--target', target.url, '--path', '/work', '--start', '50', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/growth\s+50, 100, 200, 400, 800, 1600, 3200, 5000 req\/s/);
    expect(r.stdout).toMatch(/longest\s+≈ \d/);
    expect((await target.stats()).served).toBe(before);
  });

  it('--min-rate 6x of a stored baseline: the dry run states the gate it will apply', async () => {
    const baseline = join(dir, 'baseline.json');
    writeFileSync(baseline, JSON.stringify(buildRunResult({ seed: 3, seconds: 2, rps: 30 })));
    const r = await runCli([
      'capacity',
      '--target',
      target.url,
      '--min-rate',
      '6x',
      '--baseline',
      baseline,
      '--dry-run',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^gate\s+exit 1 below 180 req\/s confirmed$/m);
    const missing = await runCli(['capacity', '--target', target.url, '--min-rate', '6x', '--dry-run']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/--baseline/);
  });

  it('a bad search word exits 2 with its field', async () => {
    const r = await runCli(['capacity', '--target', target.url, '--precision', '0%', '--dry-run']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/capacity\.precision/);
  });
});

describe('capacity of a slow view: 64 slots × 1 s each', () => {
  it('finds the knee near 64 req/s: the generator opens the sockets the slow view needs', async () => {
    const slow = await startCapacityTarget(64, 1000);
    try {
      const out = join(dir, 'slow.json');
      // Eight sockets up front (a pool sized for fast views): the rest must open on demand.
      const config = join(dir, 'slow.yml');
      writeFileSync(config, `target: ${slow.url}\nendpoints: [{path: /work}]\nload: {pool: 8}\n`);
      const r = await runCli(
        ['capacity', '--config', config, '--start', '40', '--precision', '20%'].concat([
          ...SHORT,
          '--confirm',
          '0s',
          '--slo',
          'p95=1500ms',
          '--out',
          out,
        ]),
        { timeoutMs: 90_000 },
      );
      expect(r.code, r.stderr).toBe(0);
      const c = read(out).capacity!;
      const [lo, hi] = c.bracket as [number, number];
      expect(c.status).toBe('found');
      expect(lo).toBeLessThanOrEqual(slow.capacity);
      expect(lo).toBeGreaterThanOrEqual(slow.capacity * 0.8);
      expect(hi).toBeGreaterThan(slow.capacity);
      // No step below the knee was the generator's: none waited for a socket or reached max_in_flight.
      for (const step of c.steps.filter((s) => s.rate <= lo)) expect(step.verdict).toBe('pass');
    } finally {
      await slow.close();
    }
  });
});
