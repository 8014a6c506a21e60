import { describe, expect, it } from 'vitest';
import { OpenModel, nextWake } from '../../../../src/load/models/open-model.js';
import type { Clock } from '../../../../src/load/models/clock.js';
import type { ExecutorContext } from '../../../../src/load/models/executor.js';

/**
 * A clock the test drives: timers fire in order at their instant plus `lateMs(n)` for the n-th wake-up (a busy
 * machine, chosen by the test), a spin turns the loop in SPIN_MS, and time stands still while a wake-up runs.
 */
const SPIN_MS = 0.05;

class FakeClock implements Clock {
  t = 1000;
  wakeups = 0;
  spins = 0;
  readonly timers: number[] = [];
  private readonly queue: { at: number; fn: () => void }[] = [];

  constructor(private readonly lateMs: (n: number) => number = () => 0) {}

  now(): number {
    return this.t;
  }
  after(ms: number, fn: () => void): void {
    this.timers.push(ms);
    this.queue.push({ at: this.t + ms + this.lateMs(this.wakeups), fn });
  }
  soon(fn: () => void): void {
    this.spins += 1;
    this.queue.push({ at: this.t + SPIN_MS, fn });
  }
  /** Runs wake-ups until none is left. */
  drain(): void {
    while (this.queue.length) {
      this.queue.sort((a, b) => a.at - b.at);
      const { at, fn } = this.queue.shift()!;
      this.t = Math.max(this.t, at);
      this.wakeups += 1;
      fn();
    }
  }
}

/** Runs the model on the fake clock against a send that notes when it was called and for which instant. */
function run(rate: number, ms: number, clock: FakeClock, spinBelowMs?: number) {
  const sends: { intendedAt: number; at: number }[] = [];
  const t0 = clock.now();
  const ctx: ExecutorContext = {
    t0,
    totalMs: ms,
    stopped: () => false,
    pick: () => 0,
    send: (_e, intendedAt) => {
      sends.push({ intendedAt: intendedAt!, at: clock.now() });
      return true;
    },
  };
  let done = false;
  void new OpenModel([{ durationMs: ms, from: rate, to: rate }], { spinBelowMs, clock }).run(ctx).then(() => {
    done = true;
  });
  clock.drain();
  return { sends, t0, finished: () => done };
}

describe('OpenModel on a driven clock', () => {
  it('sends every request of the schedule, in order, never before its instant', async () => {
    const clock = new FakeClock();
    const { sends, t0, finished } = run(2000, 500, clock);
    await Promise.resolve();
    expect(finished()).toBe(true);
    expect(sends).toHaveLength(1000);
    sends.forEach((s, i) => {
      expect(s.intendedAt).toBeCloseTo(t0 + i * 0.5, 6);
      expect(s.at).toBeGreaterThanOrEqual(s.intendedAt);
    });
  });

  it('sends in batches of what has come due: one wake-up per millisecond at 20,000 req/s', () => {
    const clock = new FakeClock();
    const { sends } = run(20_000, 300, clock);
    expect(sends).toHaveLength(6000);
    // Each wake-up sends the 20 arrivals of its millisecond: 300 wake-ups (and the first), not 6000.
    expect(clock.wakeups).toBeLessThanOrEqual(301);
    const batches = new Map<number, number>();
    for (const s of sends) batches.set(s.at, (batches.get(s.at) ?? 0) + 1);
    expect(Math.max(...batches.values())).toBeLessThanOrEqual(21);
  });

  it('a late wake-up (a busy machine) sends everything due since, each stamped with its own instant', () => {
    // Every 10th wake-up is 25 ms late.
    const clock = new FakeClock((n) => (n % 10 === 9 ? 25 : 0));
    const { sends, t0 } = run(1000, 1000, clock);
    expect(sends).toHaveLength(1000);
    sends.forEach((s, i) => {
      expect(s.intendedAt).toBeCloseTo(t0 + i, 6);
      expect(s.at).toBeGreaterThanOrEqual(s.intendedAt);
    });
    const late = sends.filter((s) => s.at - s.intendedAt > 20);
    expect(late.length).toBeGreaterThan(0);
    // The batch after a late wake-up holds every arrival that came due while it slept.
    const batches = new Map<number, number>();
    for (const s of sends) batches.set(s.at, (batches.get(s.at) ?? 0) + 1);
    const biggest = Math.max(...batches.values());
    expect(biggest).toBeGreaterThanOrEqual(25);
  });

  it('sleeps until the next arrival instead of spinning: one timer per arrival at 1,000 req/s, none spun', () => {
    const clock = new FakeClock();
    const { sends } = run(1000, 1000, clock);
    expect(sends).toHaveLength(1000);
    expect(clock.spins).toBe(0);
    expect(clock.timers.every((ms) => ms === 1)).toBe(true);
    expect(clock.timers).toHaveLength(999);
  });

  it('spinning, when asked for, still sends each request once, in order, never early', () => {
    const clock = new FakeClock();
    const { sends } = run(1000, 300, clock, 2);
    expect(sends).toHaveLength(300);
    expect(clock.spins).toBeGreaterThan(0);
    expect(clock.timers).toHaveLength(0);
    for (let i = 1; i < sends.length; i++) expect(sends[i]!.intendedAt).toBeGreaterThan(sends[i - 1]!.intendedAt);
    for (const s of sends) expect(s.at).toBeGreaterThanOrEqual(s.intendedAt);
  });
});

describe('nextWake', () => {
  it('a timer rounded up to whole milliseconds (never early), at least 1 ms; a spin below the threshold', () => {
    expect(nextWake(0, 0)).toEqual({ kind: 'timer', ms: 1 });
    expect(nextWake(0.2, 0)).toEqual({ kind: 'timer', ms: 1 });
    expect(nextWake(3.01, 0)).toEqual({ kind: 'timer', ms: 4 });
    // Already due again (sending the batch took that long): the next turn of the loop, not a timer.
    expect(nextWake(-5, 0)).toEqual({ kind: 'spin' });
    expect(nextWake(1.5, 2)).toEqual({ kind: 'spin' });
    expect(nextWake(2, 2)).toEqual({ kind: 'timer', ms: 2 });
  });
});
