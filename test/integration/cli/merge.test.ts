import { beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../support/cli.js';
import { SHARD_CONFIG, ev, shardResult, type ShardOptions } from '../../support/shard-results.js';
import type { RunResult } from '../../../src/result/run-result.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'scale-audit-merge-'));
});

const T0 = 1_700_000_000_000;
const events = [ev(0, 100, 20), ev(1, 1100, 30), ev(0, 2100, 40)];

function write(name: string, o: Partial<ShardOptions> & { index: number }): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(shardResult({ startMs: T0, events, ...o })));
  return file;
}

describe('scale-audit merge', () => {
  it('writes one audited RunResult from the shards and exits 0 when no gate fails', async () => {
    const files = [1, 2, 3].map((i) => write(`shard-${i}.json`, { index: i, startMs: T0 + i * 100 }));
    const out = join(dir, 'run.json');
    const r = await runCli(['merge', ...files, '-o', out]);
    expect(r.stderr).toContain(`merged 3 shards; run.json written to ${out}`);
    expect(r.code).toBe(0);
    const merged = JSON.parse(readFileSync(out, 'utf8')) as RunResult;
    expect(merged.summary.requests).toBe(9);
    expect(merged.summary.target_rps).toBe(300);
    expect(merged.plan.shards).toBe(3);
    expect(merged.plan.shard).toBeUndefined();
    expect(merged.timeline.map((row) => row.requests)).toEqual([3, 3, 3]);
    // The audit ran on the merged result: every rule of the checklist has a finding.
    expect(merged.findings.length).toBeGreaterThan(5);
    expect(merged.findings.map((f) => f.id)).toContain('slo.latency');
    expect(r.stdout).toContain('slo.latency'); // the terminal report of the merged run
  });

  it('exits 1 when a gate fails on the merged result (SLO from the shards’ config)', async () => {
    const config = { ...SHARD_CONFIG, slo: { p95: '25ms' } };
    const files = [1, 2].map((i) => write(`s${i}.json`, { index: i, count: 2, config }));
    const out = join(dir, 'run.json');
    const md = join(dir, 'report.md');
    const r = await runCli(['merge', ...files, '--out', out, '--format', 'md', '--report-out', md, '--quiet']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const merged = JSON.parse(readFileSync(out, 'utf8')) as RunResult;
    expect(merged.gates.find((g) => g.id === 'slo.p95')).toMatchObject({ passed: false });
    expect(readFileSync(md, 'utf8')).toContain('slo.p95');
  });

  it('refuses shards of different plans with exit 2 and writes nothing', async () => {
    const a = write('a.json', { index: 1, count: 2 });
    const b = write('b.json', { index: 2, count: 2, config: { ...SHARD_CONFIG, load: { rate: 900, duration: '3s' } } });
    const out = join(dir, 'run.json');
    const r = await runCli(['merge', a, b, '-o', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/a\.json and .*b\.json ran different plans/);
    expect(existsSync(out)).toBe(false);
  });

  it(
    'refuses a duplicate shard, a version mismatch and a missing shard with exit 2; --partial merges the ' + 'rest',
    async () => {
      const one = write('one.json', { index: 1, count: 3 });
      let r = await runCli(['merge', one, write('again.json', { index: 1, count: 3 }), '-o', join(dir, 'x.json')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/both shard 1\/3/);
      r = await runCli([
        'merge',
        one,
        write('newer.json', { index: 2, count: 3, version: '99.0.0' }),
        '-o',
        join(dir, 'x.json'),
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/version mismatch/);
      const three = write('three.json', { index: 3, count: 3 });
      r = await runCli(['merge', one, three, '-o', join(dir, 'x.json')]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/shard 2 of 3 missing/);
      r = await runCli(['merge', one, three, '--partial', '-o', join(dir, 'x.json')]);
      expect(r.code).toBe(0);
      expect((JSON.parse(readFileSync(join(dir, 'x.json'), 'utf8')) as RunResult).partial).toBe(true);
    },
  );

  it('exits 2 on a file that is not a result', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ not json');
    const r = await runCli(['merge', bad, '-o', join(dir, 'x.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('bad.json is not valid JSON');
  });
});
