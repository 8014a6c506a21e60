/**
 * Closed model: N virtual users, each sending its next request when the previous one completes (plus an
 * optional think time). Throughput is whatever the target allows; latency is service time.
 */
import type { Executor, ExecutorContext } from './executor.js';

export class ClosedModel implements Executor {
  constructor(
    private readonly users: number,
    private readonly thinkMs: number,
  ) {}

  run(ctx: ExecutorContext): Promise<void> {
    const end = ctx.t0 + ctx.totalMs;
    let running = this.users;
    return new Promise((resolve) => {
      const user = (id: number): void => {
        if (ctx.stopped() || performance.now() >= end) {
          if (--running === 0) resolve();
          return;
        }
        let sending = true;
        ctx.send(
          ctx.pick(),
          null,
          () => {
            // Straight on from the response, as a keep-alive client does; a request that failed while still being
            // sent (synchronously) yields first, so a dead target cannot recurse the stack away.
            if (this.thinkMs > 0) setTimeout(user, this.thinkMs, id);
            else if (sending) setImmediate(user, id);
            else user(id);
          },
          id,
        );
        sending = false;
      };
      for (let i = 0; i < this.users; i++) user(i);
    });
  }
}
