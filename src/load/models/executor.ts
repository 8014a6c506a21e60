/** What a workload model (open or closed, one file each, like k6's lib/executor) gets from the engine. */
export interface ExecutorContext {
  /** Clock value (performance.now()) of the start of the schedule, warmup included. */
  readonly t0: number;
  /** Schedule length in ms, warmup included. */
  readonly totalMs: number;
  readonly stopped: () => boolean;
  /** The next endpoint of the seeded mix. */
  readonly pick: () => number;
  /**
   * Sends one request. `intendedAt` (clock value) is when the schedule wanted it to leave (open model) or null
   * (closed model: latency is service time). `done` runs when it completes; `user` (closed model) is the virtual
   * user sending it, which keeps its own connection. Returns false when it was dropped.
   */
  readonly send: (endpoint: number, intendedAt: number | null, done?: () => void, user?: number) => boolean;
}

export interface Executor {
  /** Resolves when the model has issued its last request (in-flight ones may still be running). */
  run(ctx: ExecutorContext): Promise<void>;
}
