import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/load.js';
import { startRun } from '../../../src/run/pipeline.js';
import type { DrillResult, RunResult } from '../../../src/result/run-result.js';
import { startWorkerFleet, type WorkerFleet } from '../../support/worker-fleet.js';

// Three backends behind a round-robin proxy that resets the client's connection when its backend is down.
// After a 2 s warmup (cold connections and JIT), the drill kills backend 1 at 3 s and restarts it at 7 s; the
// true outage ends when it listens again.
let fleet: WorkerFleet;
let result: RunResult;
let drill: DrillResult;
let trueRecoveryS: number;
let killedAtS: number;

beforeAll(async () => {
  fleet = await startWorkerFleet({ size: 3, onDown: 'reset' });
  const config = validateConfig({
    target: fleet.url,
    endpoints: [{ path: '/' }],
    load: { rate: 90, warmup: '2s', duration: '12s', timeout: '2s' },
    drill: {
      actions: [
        {
          name: 'kill worker 1',
          at: '3s',
          run: fleet.killCommand(1),
          recover: { at: '7s', run: fleet.restartCommand(1), timeout: '10s' },
        },
      ],
    },
  });
  // The pipeline runs the drill: its t = 0 is the end of the warmup, like the timeline's.
  result = await startRun(config).result;
  drill = result.drill!;
  killedAtS = drill.actions.find((a) => a.kind === 'fault')!.at_s;
  // result.start_ms (timeline t = 0) and the drill's t = 0 are the same instant to within a few ms.
  trueRecoveryS = (fleet.state(1).ready_ms - result.start_ms) / 1000 - killedAtS;
}, 40_000);

afterAll(async () => {
  await fleet?.stop();
});

describe('killing one of three workers behind a round-robin proxy', () => {
  it('runs the kill and the restart on time and records them', () => {
    const [fault, recover] = drill.actions;
    expect(fault).toMatchObject({ kind: 'fault', name: 'kill worker 1', exit_code: 0, timed_out: false });
    expect(recover).toMatchObject({ kind: 'recover', name: 'kill worker 1', exit_code: 0, timed_out: false });
    // Timers run on a millisecond clock: allow one early tick.
    expect(fault!.at_s).toBeGreaterThanOrEqual(2.99);
    expect(fault!.at_s).toBeLessThan(3.2);
    expect(recover!.at_s).toBeGreaterThanOrEqual(6.99);
    expect(recover!.at_s).toBeLessThan(7.2);
    expect(recover!.output).toMatch(/listening on \d+ as pid \d+/);
  });

  it('has a clean baseline and a third of requests reset while the worker is down', () => {
    expect(drill.baseline.error_rate).toBe(0);
    expect(drill.baseline.p95_ms).toBeGreaterThan(4);
    expect(drill.degradation.error_rate).toBeGreaterThan(0.2);
    expect(drill.degradation.error_rate).toBeLessThan(0.5);
    // The proxy resets the connection: every failure is a reset, none a timeout or an HTTP status.
    expect(Object.keys(drill.degradation.by_class)).toEqual(['reset']);
    expect(drill.degradation.by_class.reset).toBe(result.summary.errors);
    // Down from 3 s until the restart listens (7.1–8 s on a busy machine): 4 to 6 seconds over the error limit.
    expect(drill.degradation.seconds).toBeGreaterThanOrEqual(4);
    expect(drill.degradation.seconds).toBeLessThanOrEqual(6);
  });

  it('measures the recovery within 1 s of when the worker listened again', () => {
    expect(trueRecoveryS).toBeGreaterThan(3.9);
    expect(drill.recovery_s).not.toBeNull();
    expect(Math.abs(drill.recovery_s! - trueRecoveryS)).toBeLessThanOrEqual(1);
  });

  it('says so in one runbook line', () => {
    const fault = /^at 3 s: kill worker 1 \(exit 0\); error rate peaked at \d+(\.\d)?% for [4-6] s, all resets; /;
    const recovery = /p95 peaked at .* ms .*; recovery command at 7 s; recovered in \d(\.\d)? s$/;
    expect(drill.summary).toMatch(new RegExp(fault.source + recovery.source));
  });
});
