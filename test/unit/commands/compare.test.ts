/** `scale-audit compare` as a user runs it: node bin/scale-audit.js (built dist/), files on disk, exit codes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildRunResult } from '../../support/result-builder.js';

const BIN = resolve(import.meta.dirname, '../../../bin/scale-audit.js');
let dir: string;
const file = (name: string): string => join(dir, name);

function cli(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, 'compare', ...args], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 30_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'scale-audit-compare-'));
  writeFileSync(file('base.json'), JSON.stringify(buildRunResult({ seed: 1, median_ms: 40 })));
  writeFileSync(file('slower.json'), JSON.stringify(buildRunResult({ seed: 2, median_ms: 90, error_rate: 0.03 })));
  // 6,000 requests: enough that no error in either run judges the error rate unchanged, not inconclusive.
  writeFileSync(file('faster.json'), JSON.stringify(buildRunResult({ seed: 3, median_ms: 20 })));
  writeFileSync(file('base-long.json'), JSON.stringify(buildRunResult({ seed: 5, seconds: 60, rps: 100 })));
  writeFileSync(
    file('faster-long.json'),
    JSON.stringify(buildRunResult({ seed: 6, seconds: 60, rps: 100, median_ms: 20 })),
  );
  writeFileSync(file('corrupt.json'), '{"version": 1, "summary": {');
  writeFileSync(file('newer.json'), JSON.stringify({ ...buildRunResult({ seed: 4 }), version: 2 }));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('scale-audit compare', () => {
  it('prints the comparison as JSON', () => {
    const r = cli(file('base.json'), file('slower.json'), '--format', 'json');
    expect(r.code).toBe(0);
    const c = JSON.parse(r.stdout);
    expect(c.version).toBe(1);
    expect(c.figures.find((f: { id: string }) => f.id === 'latency.p95').verdict).toBe('regressed');
    expect(c.gate_regressions).toEqual(expect.arrayContaining(['latency.p95', 'error_rate']));
  });

  it('exits 1 with --fail-on-regression when a gate figure regressed, and names it', () => {
    const r = cli(file('base.json'), file('slower.json'), '--fail-on-regression');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('regressed');
    expect(r.stderr).toMatch(/gate figures regressed: .*latency\.p95/);
  });

  it('exits 0 with --fail-on-regression on an improvement whose every gate figure was judged', () => {
    const r = cli(file('base-long.json'), file('faster-long.json'), '--fail-on-regression', '--format', 'md');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\| Latency p95 \(gate\) \|.*✅ improved/);
  });

  it('exits 1 on an improvement with an inconclusive gate figure, 0 with --allow-inconclusive', () => {
    // 1,500 requests without an error cannot tell a 0.1 pp change of the error rate.
    const strict = cli(file('base.json'), file('faster.json'), '--fail-on-regression');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(/inconclusive error_rate: inconclusive — runs too short .* fix: rerun with a longer/);
    expect(strict.stderr).toMatch(/gate figures inconclusive \(error_rate\)/);
    const allowed = cli(file('base.json'), file('faster.json'), '--fail-on-regression', '--allow-inconclusive');
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stderr).toMatch(/inconclusive error_rate/);
  });

  it('writes GitHub annotations on stderr under GitHub Actions: an error per unjudged gate figure', () => {
    const r = spawnSync(
      process.execPath,
      [BIN, 'compare', file('base.json'), file('faster.json'), '--fail-on-regression'],
      {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: 'true' },
      },
    );
    expect(r.stderr).toMatch(/^::error title=scale-audit compare error_rate::error_rate: inconclusive — .*fix: /m);
    expect(r.stderr).toMatch(/^::notice title=scale-audit compare::gate failed: /m);
    expect(r.stdout).not.toMatch(/::error/);
  });

  it('writes the HTML comparison to --out and nothing to stdout', () => {
    const r = cli(file('base.json'), file('faster.json'), '--format', 'html', '--out', file('compare.html'));
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    const page = readFileSync(file('compare.html'), 'utf8');
    expect(page).toMatch(/^<!doctype html>/);
    expect(page).toContain('data-series="after:p95"');
  });

  it('exits 2 on a corrupted or newer result, saying which', () => {
    const corrupt = cli(file('base.json'), file('corrupt.json'));
    expect(corrupt.code).toBe(2);
    expect(corrupt.stderr).toMatch(/corrupt\.json is not valid JSON/);
    const newer = cli(file('newer.json'), file('base.json'));
    expect(newer.code).toBe(2);
    expect(newer.stderr).toMatch(/newer\.json is result version 2, written by a newer scale-audit/);
    const missing = cli(file('base.json'), file('nope.json'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json: no such file/);
  });

  it('exits 2 on an unknown format', () => {
    expect(cli(file('base.json'), file('faster.json'), '--format', 'pdf').code).toBe(2);
  });
});
