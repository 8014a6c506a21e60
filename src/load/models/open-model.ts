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

export interface OpenModelOptions {
  /**
   * Opt-in for sub-millisecond schedules: when the next request is due within this many ms, yield with
   * setImmediate instead of a timer. It trims the send lag below a timer tick and costs a whole core. Default 0.
   */
  spinBelowMs?: number;
}

export class OpenModel implements Executor {
  private readonly spinBelowMs: number;

  constructor(
    private readonly segments: readonly Segment[],
    options: OpenModelOptions = {},
  ) {
    this.spinBelowMs = options.spinBelowMs ?? 0;
  }

  run(ctx: ExecutorContext): Promise<void> {
    const schedule = new ArrivalSchedule(this.segments);
    let next = schedule.next();
    return new Promise((resolve) => {
      const tick = (): void => {
        const now = performance.now() - ctx.t0;
        while (next !== undefined && next <= now && !ctx.stopped()) {
          ctx.send(ctx.pick(), ctx.t0 + next);
          next = schedule.next();
        }
        if (next === undefined || ctx.stopped()) {
          resolve();
          return;
        }
        const wait = next - (performance.now() - ctx.t0);
        if (wait < this.spinBelowMs) setImmediate(tick);
        // Timers fire on whole milliseconds of the loop's clock: never early, so round up.
        else setTimeout(tick, Math.max(1, Math.ceil(wait)));
      };
      tick();
    });
  }
}
