import { describe, expect, it } from 'vitest';
import { OpenModel } from '../../../../src/load/models/open-model.js';
import type { ExecutorContext } from '../../../../src/load/models/executor.js';

/** Runs the model against a send that only notes when it was called and for which instant. */
async function run(rate: number, ms: number, spinBelowMs?: number) {
  const sends: { intendedAt: number; at: number }[] = [];
  const t0 = performance.now();
  const ctx: ExecutorContext = {
    t0,
    totalMs: ms,
    stopped: () => false,
    pick: () => 0,
    send: (_e, intendedAt) => {
      sends.push({ intendedAt: intendedAt!, at: performance.now() });
      return true;
    },
  };
  const cpu = process.cpuUsage();
  await new OpenModel([{ durationMs: ms, from: rate, to: rate }], { spinBelowMs }).run(ctx);
  const used = process.cpuUsage(cpu);
  return { sends, t0, cpuRatio: (used.user + used.system) / 1000 / ms };
}

describe('OpenModel on timers', () => {
  it('sends every request of the schedule, in order, never before its instant', async () => {
    const { sends, t0 } = await run(2000, 500);
    expect(sends).toHaveLength(1000);
    sends.forEach((s, i) => {
      expect(s.intendedAt).toBeCloseTo(t0 + i * 0.5, 6);
      expect(s.at).toBeGreaterThanOrEqual(s.intendedAt);
    });
  });

  it('sends in batches of what has come due: far fewer wake-ups than requests at a high rate', async () => {
    const { sends } = await run(20_000, 300);
    const wakeups = new Set(sends.map((s) => s.at.toFixed(3))).size;
    expect(sends).toHaveLength(6000);
    expect(wakeups).toBeLessThan(sends.length / 4);
  });

  it('sleeps between arrivals instead of spinning: a fraction of a core at 1,000 req/s', async () => {
    const { cpuRatio, sends } = await run(1000, 1000);
    expect(sends).toHaveLength(1000);
    // A setImmediate spin costs ~100 % of a core here; timers a few percent (noisy machine: generous bound).
    expect(cpuRatio).toBeLessThan(0.3);
  });

  it('spinning, when asked for, still sends each request once, in order, never early', async () => {
    const { sends } = await run(1000, 300, 2);
    expect(sends).toHaveLength(300);
    for (let i = 1; i < sends.length; i++) expect(sends[i]!.intendedAt).toBeGreaterThan(sends[i - 1]!.intendedAt);
    for (const s of sends) expect(s.at).toBeGreaterThanOrEqual(s.intendedAt);
  });
});
