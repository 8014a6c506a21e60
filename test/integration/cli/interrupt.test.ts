import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, readdirSync } from 'node:fs';
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

describe('interruption and guardrails', () => {
  it('SIGINT stops the load within 2 s, writes a partial result atomically, exits 130', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scale-audit-int-'));
    const out = join(dir, 'run.json');
    writeFileSync(out, '{"previous": true}');
    let pid = 0;
    let signalledAt = 0;
    const run = runCli(
      ['run', '--target', target.url, '--path', '/delay?ms=20', '--rate', '100', '--duration', '60s', '--out', out],
      {
        onSpawn: (p) => (pid = p),
      },
    );
    // Interrupt after about 150 requests have reached the server, however long a busy machine takes to start.
    await target.reset();
    for (let i = 0; i < 300 && (await target.stats()).count < 150; i++) await new Promise((r) => setTimeout(r, 50));
    signalledAt = Date.now();
    process.kill(pid, 'SIGINT');
    const r = await run;
    const tookMs = Date.now() - signalledAt;
    expect(r.code).toBe(130);
    expect(tookMs).toBeLessThan(2000 + 1500); // stop within 2 s; allow process teardown on a busy machine
    const result = JSON.parse(readFileSync(out, 'utf8')) as RunResult;
    expect(result.partial).toBe(true);
    expect(result.stop_reason).toBe('interrupted');
    expect(result.summary.requests).toBeGreaterThan(100);
    expect(result.duration_s).toBeLessThan(5);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('abort_on stops a run whose error rate stays above the limit, and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scale-audit-abort-'));
    const config = join(dir, 'c.yml');
    writeFileSync(
      config,
      `target: ${target.url}\nendpoints: [{path: /fast, weight: 1}, {path: '/status?code=500', weight: ` +
        `3}]\nload: {rate: 100, duration: 30s}\nabort_on: {error_rate: 50%, for: 2s}\n`,
    );
    const started = Date.now();
    const r = await runCli(['run', '--config', config, '--out', join(dir, 'run.json')]);
    expect(r.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
    const result = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as RunResult;
    expect(result.partial).toBe(true);
    expect(result.stop_reason).toMatch(/^aborted: error rate above 50.0%/);
    expect(r.stderr).toMatch(/aborted: error rate/);
  });
});
