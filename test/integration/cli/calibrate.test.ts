/**
 * `scale-audit calibrate` and `run --calibrate` through the built CLI: bounded (1 s steps, a small --max), the
 * --json shape, exit 1 for a plan no machine holds (10 million req/s), and the field run --calibrate records.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Calibration } from '../../../src/calibrate/calibration.js';
import type { RunResult } from '../../../src/result/run-result.js';
import { runCli } from '../../support/cli.js';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';

let target: TargetServer;
let dir: string;

beforeAll(async () => {
  target = await startTargetServer();
  dir = mkdtempSync(join(tmpdir(), 'sa-calibrate-'));
});

afterAll(async () => {
  await target.close();
  rmSync(dir, { recursive: true, force: true });
});

const calibrate = (...args: string[]) =>
  runCli(['calibrate', '--duration', '1s', '--start', '50', '--max', '100', '--workers', '1', ...args]);

describe('scale-audit calibrate', () => {
  it('prints the floor and the rate held as JSON; its exit code says whether the plan fits', async () => {
    const r = await calibrate('--rate', '60', '--json');
    const c = JSON.parse(r.stdout) as Calibration;
    expect(r.code, r.stderr).toBe(c.plan_fits ? 0 : 1);
    expect(c).toMatchObject({ version: 1, workers: 1, planned_rate: 60 });
    expect(c.floor).toMatchObject({ model: 'open', rate: 60, duration_s: 1 });
    expect(c.floor.requests).toBeGreaterThan(50);
    expect(c.floor.added_latency_ms.p99).toBeGreaterThanOrEqual(c.floor.added_latency_ms.p50);
    expect(c.floor.event_loop_delay_ms.max).toBeGreaterThanOrEqual(c.floor.event_loop_delay_ms.p99);
    expect(c.steps.length).toBeGreaterThan(0);
    expect(c.steps[0]!.rate).toBe(50);
    for (const s of c.steps) expect(s.rate).toBeLessThanOrEqual(100);
    const held = c.steps.filter((s) => s.held).map((s) => s.rate);
    expect(c.max_rate).toBe(held.length ? Math.max(...held) : 0);
    expect(c.plan_fits).toBe(60 <= c.max_rate);
    expect(c.ceiling_reached).toBe(c.max_rate === 100);
  }, 30_000);

  it('exits 1 when the plan asks for more than it held, saying so', async () => {
    const r = await calibrate('--rate', '10000000');
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toMatch(/floor \(open model at 100 req\/s, 1 s/);
    expect(r.stdout).toMatch(/added latency p50 [\d.]+ ?ms, p99 [\d.]+ ?ms; event-loop delay p99/);
    expect(r.stdout).toMatch(/the plan asks for 10M req\/s; this machine held (≥ )?\d+ req\/s.* with 1 worker/);
    expect(r.stderr).toMatch(/^ +50 req\/s {2}(held|not held: )/m);
  }, 30_000);

  it('rejects a bad --duration with exit 2 naming the flag', async () => {
    const r = await calibrate('--rate', '60', '--duration', 'soon');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--duration: expected a duration/);
  });
});

describe('run --calibrate', () => {
  it('calibrates first in the same invocation and records generator.calibrated_max_rate', async () => {
    const out = join(dir, 'run.json');
    const args = ['run', '--target', target.url, '--path', '/fast', '--rate', '20', '--duration', '1s'];
    const r = await runCli([...args, '--warmup', '0s', '--workers', '1', '--calibrate', '--no-history', '--out', out]);
    expect([0, 1], r.stderr).toContain(r.code);
    expect(r.stderr).toMatch(/calibrating the load generator against a loopback null server/);
    const result = JSON.parse(readFileSync(out, 'utf8')) as RunResult;
    const calibrated = result.generator.calibrated_max_rate;
    expect(typeof calibrated).toBe('number');
    // The search stops at twice the plan: 40 req/s, or below what did not hold.
    expect(calibrated!).toBeLessThanOrEqual(40);
    if (calibrated! < 20) expect(r.stderr).toMatch(/warning: the plan asks for 20 req\/s; this machine held/);
    else expect(r.stderr).toMatch(/calibrated: the plan's 20 req\/s fits/);
    expect(result.summary.requests).toBeGreaterThan(10);
  }, 40_000);
});
