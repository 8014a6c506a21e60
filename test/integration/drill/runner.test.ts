import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drillActionSchema, type DrillAction } from '../../../src/config/schema.js';
import { DrillRunner } from '../../../src/drill/runner.js';
import { rememberSecret } from '../../../src/util/redact.js';

const action = (input: Record<string, unknown>): DrillAction => drillActionSchema.parse(input);
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
/**
 * Seconds from `from` (performance.now()) until a timer set now for `ms` fired: how late this machine runs
 * timers during the test. A drill timer due no later fires no later (10 ms for the order of ties), so at_s is
 * bounded by what the run measured, not by a guess at how busy the machine is.
 */
const referenceTimer = (from: number, ms: number): Promise<number> =>
  new Promise((r) => setTimeout(() => r((performance.now() - from) / 1000 + 0.01), ms));
/** Running (a killed orphan may linger as a zombie until PID 1 reaps it). */
const alive = (pid: number): boolean => {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
};

describe('DrillRunner', () => {
  it('records a failing action with its exit code and output, and carries on', async () => {
    const lines: string[] = [];
    // stdout and stderr come on two pipes: the pause keeps their order in the captured output.
    const runner = new DrillRunner(
      [
        action({ name: 'break', at: '0s', run: 'echo starting; sleep 0.1; echo "no such unit" >&2; exit 7' }),
        action({ at: '100ms', run: 'echo second' }),
      ],
      { log: (l) => lines.push(l) },
    );
    const began = performance.now();
    runner.start();
    const secondDue = referenceTimer(began, 100);
    await sleep(600);
    await runner.stop();
    const [failed, second] = runner.results();
    expect(failed).toMatchObject({
      name: 'break',
      kind: 'fault',
      exit_code: 7,
      timed_out: false,
      output: 'starting\nno such unit\n',
    });
    expect(second).toMatchObject({ name: 'echo second', exit_code: 0, output: 'second\n' });
    expect(second!.at_s).toBeGreaterThanOrEqual(0.099);
    expect(second!.at_s).toBeLessThanOrEqual(await secondDue);
    expect(lines.join('\n')).toMatch(/break: FAILED: exit 7 after [\d.]+ s: no such unit/);
  });

  it('kills an action that outlives its timeout, with everything it started', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drill-runner-'));
    const pidFile = join(dir, 'child.pid');
    const runner = new DrillRunner([
      action({ at: 0, run: `sleep 30 & echo $! > ${pidFile}; echo waiting; wait`, timeout: '500ms' }),
    ]);
    const began = Date.now();
    runner.start();
    await sleep(300);
    await runner.stop();
    const took = Date.now() - began;
    const [hung] = runner.results();
    expect(hung).toMatchObject({ timed_out: true, exit_code: null });
    expect(hung!.output).toContain('waiting');
    expect(hung!.output).toContain('killed after the 500 ms timeout');
    expect(took).toBeGreaterThanOrEqual(500);
    // Not killed, the command would wait for its 30 s sleep: a third of that separates the two on any machine.
    expect(took).toBeLessThan(10_000);
    // The background sleep was in the command's process group: gone too.
    const sleeper = Number(readFileSync(pidFile, 'utf8'));
    await sleep(100);
    expect(alive(sleeper)).toBe(false);
  });

  it('on stop, cancels faults not yet run but still runs the pending recovery of a fault that ran', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'drill-runner-'));
    const broken = join(dir, 'broken');
    const recovered = join(dir, 'recovered');
    const never = join(dir, 'never');
    const runner = new DrillRunner([
      action({
        name: 'stop app',
        at: 0,
        run: `touch ${broken}`,
        recover: { at: '60s', run: `rm ${broken}; touch ${recovered}` },
      }),
      action({ name: 'later fault', at: '60s', run: `touch ${never}`, recover: { at: '70s', run: `touch ${never}` } }),
    ]);
    runner.start();
    await sleep(300);
    expect(existsSync(broken)).toBe(true);
    await runner.stop();
    expect(existsSync(broken)).toBe(false);
    expect(existsSync(recovered)).toBe(true);
    expect(existsSync(never)).toBe(false);
    const results = runner.results();
    expect(results.map((r) => [r.name, r.kind, r.exit_code])).toEqual([
      ['stop app', 'fault', 0],
      ['stop app', 'recover', 0],
    ]);
    // Run at stop (about 0.3 s), not at its 60 s.
    expect(results[1]!.at_s).toBeLessThan(1);
  });

  it('schedules from a t = 0 in the future (after a warmup)', async () => {
    const runner = new DrillRunner([action({ at: '100ms', run: 'true' })]);
    const began = performance.now();
    runner.start(Date.now() + 300);
    const due = referenceTimer(began, 400);
    await sleep(250);
    expect(runner.results()).toEqual([]);
    await sleep(350);
    await runner.stop();
    const [done] = runner.results();
    expect(done!.at_s).toBeGreaterThanOrEqual(0.099);
    // t = 0 is 300 ms after `began` (to the ms of Date.now()): the reference fired at 0.1 s past it at the earliest.
    expect(done!.at_s).toBeLessThanOrEqual((await due) - 0.3 + 0.001);
  });

  it('keeps the last 4 KiB of output, with secrets masked', async () => {
    rememberSecret('hunter2-drill-token');
    const runner = new DrillRunner([
      action({
        at: 0,
        run: `node -e "process.stdout.write('x'.repeat(20000)); console.log(' token=hunter2-drill-token end')"`,
      }),
    ]);
    runner.start();
    await sleep(50);
    await runner.stop();
    const [noisy] = runner.results();
    expect(noisy!.exit_code).toBe(0);
    expect(Buffer.byteLength(noisy!.output)).toBeLessThanOrEqual(4096);
    expect(noisy!.output.startsWith('…(truncated)\n')).toBe(true);
    expect(noisy!.output).toMatch(/x token=\*\*\* end\n$/);
    expect(noisy!.output).not.toContain('hunter2');
  });
});
