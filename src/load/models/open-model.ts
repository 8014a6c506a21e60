/**
 * Open model: requests leave at a constant or ramping arrival rate, whatever the target does (wrk2, k6's
 * ramping-arrival-rate). A request that cannot start because max_in_flight is reached is dropped and counted,
 * so a slow target never slows the schedule down silently.
 */
import { ArrivalSchedule, type Segment } from './schedule.js';
import type { Executor, ExecutorContext } from './executor.js';

/** Below this wait, yield with setImmediate rather than a timer (timers have ~1 ms granularity). */
const SPIN_BELOW_MS = 1.5;

export class OpenModel implements Executor {
  constructor(private readonly segments: readonly Segment[]) {}

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
        if (wait > SPIN_BELOW_MS) setTimeout(tick, wait - 1);
        else setImmediate(tick);
      };
      tick();
    });
  }
}
