/**
 * Open model: requests leave at a constant or ramping arrival rate, whatever the target does (wrk2, k6's
 * ramping-arrival-rate). A request that cannot start because max_in_flight is reached is dropped and counted,
 * so a slow target never slows the schedule down silently.
 *
 * Scheduling is wrk2's: a timer wakes the generator when the next request is due, and each wake-up sends every
 * request that has come due since, each stamped with its intended instant (latency is measured from it). At
 * high rates a tick sends a batch; at low rates the process sleeps between requests instead of spinning, so the
 * generator costs CPU in proportion to the load. The lateness this leaves (about a timer tick, ~1 ms) is the
 * send lag the generator monitor reports.
 */
import { ArrivalSchedule, type Segment } from './schedule.js';
import type { Executor, ExecutorContext } from './executor.js';
import { realClock, type Clock } from './clock.js';

export interface OpenModelOptions {
  /**
   * Opt-in for sub-millisecond schedules: when the next request is due within this many ms, yield with
   * setImmediate instead of a timer. It trims the send lag below a timer tick and costs a whole core. Default 0.
   */
  spinBelowMs?: number;
  /** The clock it schedules on (tests drive a fake one). */
  clock?: Clock;
}

/** How the model waits for the next arrival, `waitMs` away: a spin below `spinBelowMs`, else a timer. */
export type Wake = { kind: 'spin' } | { kind: 'timer'; ms: number };

/** Pure: the wake-up for an arrival `waitMs` away. Timers fire on whole ms of the loop's clock, never early. */
export function nextWake(waitMs: number, spinBelowMs: number): Wake {
  return waitMs < spinBelowMs ? { kind: 'spin' } : { kind: 'timer', ms: Math.max(1, Math.ceil(waitMs)) };
}

export class OpenModel implements Executor {
  private readonly spinBelowMs: number;
  private readonly clock: Clock;

  constructor(
    private readonly segments: readonly Segment[],
    options: OpenModelOptions = {},
  ) {
    this.spinBelowMs = options.spinBelowMs ?? 0;
    this.clock = options.clock ?? realClock;
  }

  run(ctx: ExecutorContext): Promise<void> {
    const { clock } = this;
    const schedule = new ArrivalSchedule(this.segments);
    let next = schedule.next();
    return new Promise((resolve) => {
      const tick = (): void => {
        // One batch: every arrival due by now, each stamped with its own intended instant.
        const now = clock.now() - ctx.t0;
        while (next !== undefined && next <= now && !ctx.stopped()) {
          ctx.send(ctx.pick(), ctx.t0 + next);
          next = schedule.next();
        }
        if (next === undefined || ctx.stopped()) {
          resolve();
          return;
        }
        const wake = nextWake(next - (clock.now() - ctx.t0), this.spinBelowMs);
        if (wake.kind === 'spin') clock.soon(tick);
        else clock.after(wake.ms, tick);
      };
      tick();
    });
  }
}
