/**
 * The clock a workload model schedules on: the real one by default, a fake one in tests, so what the model does
 * at each instant is a function of the instant and the schedule, never of how the OS ran the timers.
 */
export interface Clock {
  /** performance.now()-style milliseconds. */
  now(): number;
  /** Calls `fn` after at least `ms` milliseconds (a timer). */
  after(ms: number, fn: () => void): void;
  /** Calls `fn` on the next turn of the event loop (a spin). */
  soon(fn: () => void): void;
}

export const realClock: Clock = {
  now: () => performance.now(),
  after: (ms, fn) => void setTimeout(fn, ms),
  soon: (fn) => void setImmediate(fn),
};
