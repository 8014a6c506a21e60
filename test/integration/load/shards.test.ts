import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../support/cli.js';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';
import type { RunResult } from '../../../src/result/run-result.js';

let target: TargetServer;
beforeAll(async () => {
  target = await startTargetServer();
});
afterAll(async () => {
  await target.close();
});

const RATE = 600;
const SECONDS = 4;

describe('three shards against one server', () => {
  it('reach the total rate within 2 % (counted by the server) and merge into one run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scale-audit-shards-'));
    await target.reset();
    const files = [1, 2, 3].map((i) => join(dir, `shard-${i}.json`));
    const runs = await Promise.all(
      files.map((out, i) =>
        runCli([
          'run',
          '--target',
          target.url,
          '--path',
          '/a',
          '--path',
          '/b',
          '--rate',
          String(RATE),
          '--duration',
          `${SECONDS}s`,
          '--shard',
          `${i + 1}/3`,
          '--workers',
          i === 0 ? '2' : '1',
          '--out',
          out,
          '--quiet',
        ]),
      ),
    );
    runs.forEach((r) => expect(r.stderr).toBe(''));
    runs.forEach((r) => expect(r.code).toBe(0));
    const stats = await target.stats();
    expect(Math.abs(stats.count / SECONDS - RATE) / RATE).toBeLessThan(0.02);

    const shards = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as RunResult);
    shards.forEach((s, i) => {
      expect(s.plan.shard).toEqual({ index: i + 1, count: 3 });
      expect(s.plan.rate).toBe(RATE);
      expect(s.summary.target_rps).toBe(RATE / 3);
    });
    expect(new Set(shards.map((s) => s.plan.fingerprint)).size).toBe(1);
    expect(shards.map((s) => s.plan.workers)).toEqual([2, 1, 1]);

    const out = join(dir, 'run.json');
    const merge = await runCli(['merge', ...files, '-o', out, '--quiet']);
    expect(merge.stderr).toBe('');
    expect(merge.code).toBe(0);
    const merged = JSON.parse(readFileSync(out, 'utf8')) as RunResult;
    // The server also counted each shard's one preflight request.
    expect(merged.summary.requests).toBe(stats.count - 3);
    expect(merged.summary.target_rps).toBe(RATE);
    const [a, b] = [merged.endpoints['/a']!.summary.requests, merged.endpoints['/b']!.summary.requests];
    expect(a + b).toBe(merged.summary.requests);
    expect(stats.byPath['/a']! - a + (stats.byPath['/b']! - b)).toBe(3);
    expect(merged.plan.shards).toBe(3);
    expect(merged.plan.workers).toBe(4);

    // Timeline on wall-clock seconds: every request in one row, rows where all three shards ran near the total rate.
    const minStart = Math.min(...shards.map((s) => s.start_ms));
    expect(merged.start_ms).toBe(Math.floor(minStart / 1000) * 1000);
    expect(merged.timeline.reduce((n, r) => n + r.requests, 0)).toBe(merged.summary.requests);
    const skewS = (Math.max(...shards.map((s) => s.start_ms)) - minStart) / 1000;
    expect(merged.timeline.length).toBeLessThanOrEqual(SECONDS + Math.ceil(skewS) + 2);
    expect(Math.max(...merged.timeline.map((r) => r.requests))).toBeGreaterThan(RATE * 0.8);
    expect(merged.findings.length).toBeGreaterThan(0);
  });
});
