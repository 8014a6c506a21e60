import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../support/cli.js';
import { startWorkerFleet, type WorkerFleet } from '../../support/worker-fleet.js';
import type { RunResult } from '../../../src/result/run-result.js';

// `scale-audit drill` as a user runs it, against three workers behind a proxy that answers 502 while a worker is down.
let fleet: WorkerFleet;
let dir: string;

beforeAll(async () => {
  fleet = await startWorkerFleet({ size: 3, onDown: '502' });
  dir = mkdtempSync(join(tmpdir(), 'scale-audit-drill-cli-'));
});
afterAll(async () => {
  await fleet?.stop();
});

describe('scale-audit drill', () => {
  it('exits 2 and says how when no action is given', async () => {
    const r = await runCli([
      'drill',
      '--target',
      fleet.url,
      '--rate',
      '5',
      '--duration',
      '2s',
      '--out',
      join(dir, 'none.json'),
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("drill: no action to run: give --action '<at>:<command>'");
  });

  it('exits 2 on a malformed --action, before any load', async () => {
    const r = await runCli(['drill', '--target', fleet.url, '--rate', '5', '--duration', '2s', '--action', 'kill 1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--action: expected '<at>:<command>' like '30s:kill 1234', got "kill 1"`);
  });

  // Needs the pipeline to run config.drill (DrillRunner at measured t = 0, analyzeDrill into result.drill).
  it('kills a worker, restarts it, and writes the drill into run.json', async () => {
    const out = join(dir, 'run.json');
    const firstPid = fleet.state(2).pid;
    const r = await runCli(
      [
        'drill',
        '--target',
        fleet.url,
        '--rate',
        '60',
        '--warmup',
        '1s',
        '--duration',
        '9s',
        '--out',
        out,
        '--quiet',
        '--action',
        `2s:${fleet.killCommand(2)}`,
        '--recover',
        `5s:${fleet.restartCommand(2)}`,
      ],
      { timeoutMs: 30_000 },
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(readFileSync(out, 'utf8')) as RunResult;
    const restarted = fleet.state(2);
    expect(restarted.pid).not.toBe(firstPid);
    const drill = result.drill!;
    expect(drill.actions.map((a) => [a.kind, a.exit_code])).toEqual([
      ['fault', 0],
      ['recover', 0],
    ]);
    expect(Object.keys(drill.degradation.by_class)).toEqual(['502']);
    const trueRecoveryS = (restarted.ready_ms - result.start_ms) / 1000 - drill.actions[0]!.at_s;
    expect(Math.abs(drill.recovery_s! - trueRecoveryS)).toBeLessThanOrEqual(1);
    expect(drill.summary).toMatch(/^at 2 s: kill \d+ \(exit 0\); error rate peaked at [\d.]+% for \d s, all 502s;/);
  });

  // Needs the same wiring, and DrillRunner.stop() on interrupt.
  it('Ctrl-C stops the load and still runs the pending recovery', async () => {
    const out = join(dir, 'interrupted.json');
    const firstPid = fleet.state(0).pid;
    let cliPid = 0;
    const running = runCli(
      [
        'drill',
        '--target',
        fleet.url,
        '--rate',
        '30',
        '--duration',
        '20s',
        '--out',
        out,
        '--quiet',
        '--action',
        `1s:${fleet.killCommand(0)}`,
        '--recover',
        `15s:${fleet.restartCommand(0)}`,
      ],
      { timeoutMs: 30_000, onSpawn: (pid) => (cliPid = pid) },
    );
    await new Promise((resolve) => setTimeout(resolve, 3500));
    process.kill(cliPid, 'SIGINT');
    const r = await running;
    expect(r.code).toBe(130);
    const result = JSON.parse(readFileSync(out, 'utf8')) as RunResult;
    expect(result.partial).toBe(true);
    // The worker is back: the recovery ran at the interrupt, not at 15 s.
    expect(fleet.state(0).pid).not.toBe(firstPid);
    const recover = result.drill!.actions.find((a) => a.kind === 'recover')!;
    expect(recover.exit_code).toBe(0);
    expect(recover.at_s).toBeLessThan(6);
  });
});
