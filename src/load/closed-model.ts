/**
 * Closed model: N virtual users, each sending its next request when the previous one completes (plus an
 * optional think time). Throughput is whatever the target allows; latency is service time.
 */
import type { Executor, ExecutorContext } from './executor.js';

export class ClosedModel implements Executor {
  constructor(private readonly users: number, private readonly thinkMs: number) {}

  run(ctx: ExecutorContext): Promise<void> {
    const end = ctx.t0 + ctx.totalMs;
    let running = this.users;
    return new Promise((resolve) => {
      const user = (): void => {
        if (ctx.stopped() || performance.now() >= end) {
          if (--running === 0) resolve();
          return;
        }
        ctx.send(ctx.pick(), null, next);
      };
      // Always yield between requests: a request that fails synchronously must not recurse.
      const next = (): void => {
        if (this.thinkMs > 0) setTimeout(user, this.thinkMs);
        else setImmediate(user);
      };
      for (let i = 0; i < this.users; i++) user();
    });
  }
}
