/**
 * The short search for the highest open rate the generator holds: double from the start rate until a step is not
 * held (or the ceiling is), then bisect between the last held and the first failed rate to the precision. Pure:
 * a function of the steps so far.
 */

export interface SearchOptions {
  start: number;
  max: number;
  /** Stop bisecting when (failed − held) ÷ held is at most this. */
  precision: number;
  /** No more steps than this, whatever the bracket. */
  maxSteps: number;
}

export interface StepOutcome {
  rate: number;
  held: boolean;
}

export type SearchAction = { next: number } | { done: { max_rate: number; ceiling_reached: boolean } };

export const DEFAULT_SEARCH: Omit<SearchOptions, 'start' | 'max'> = { precision: 0.1, maxSteps: 8 };

export function nextStep(options: SearchOptions, steps: readonly StepOutcome[]): SearchAction {
  const held = steps.filter((s) => s.held).map((s) => s.rate);
  const failed = steps.filter((s) => !s.held).map((s) => s.rate);
  const lo = held.length ? Math.max(...held) : 0;
  const hi = failed.length ? Math.min(...failed) : undefined;
  const done = (): SearchAction => ({ done: { max_rate: lo, ceiling_reached: lo >= options.max } });
  if (steps.length >= options.maxSteps || lo >= options.max) return done();
  if (hi === undefined) return { next: lo ? Math.min(lo * 2, options.max) : Math.min(options.start, options.max) };
  if (lo === 0) return hi <= 1 ? done() : { next: Math.max(1, Math.floor(hi / 2)) };
  const next = Math.round((lo + hi) / 2);
  return (hi - lo) / lo <= options.precision || next <= lo || next >= hi ? done() : { next };
}
