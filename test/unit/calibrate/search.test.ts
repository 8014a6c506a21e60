import { describe, expect, it } from 'vitest';
import { nextStep, type SearchOptions, type StepOutcome } from '../../../src/calibrate/search.js';

const options: SearchOptions = { start: 1000, max: 20_000, precision: 0.1, maxSteps: 10 };

/** Drives the search against a machine that holds every rate up to `capacity`. */
function searchUpTo(capacity: number, opts: SearchOptions = options): { steps: number[]; done: unknown } {
  const steps: StepOutcome[] = [];
  for (;;) {
    const action = nextStep(opts, steps);
    if ('done' in action) return { steps: steps.map((s) => s.rate), done: action.done };
    steps.push({ rate: action.next, held: action.next <= capacity });
  }
}

describe('the calibration search', () => {
  it('doubles from the start, then bisects to the precision', () => {
    const { steps, done } = searchUpTo(5000);
    expect(steps.slice(0, 4)).toEqual([1000, 2000, 4000, 8000]);
    expect(steps[4]).toBe(6000);
    expect(done).toMatchObject({ ceiling_reached: false });
    const found = (done as { max_rate: number }).max_rate;
    expect(found).toBeLessThanOrEqual(5000);
    expect(found).toBeGreaterThan(5000 / 1.1);
  });

  it('stops at the ceiling when every step held', () => {
    const { steps, done } = searchUpTo(1e9, { ...options, max: 3000 });
    expect(steps).toEqual([1000, 2000, 3000]);
    expect(done).toEqual({ max_rate: 3000, ceiling_reached: true });
  });

  it('halves below a start the machine cannot hold', () => {
    const { steps, done } = searchUpTo(300);
    expect(steps.slice(0, 3)).toEqual([1000, 500, 250]);
    expect((done as { max_rate: number }).max_rate).toBeGreaterThanOrEqual(250);
  });

  it('never takes more than maxSteps steps', () => {
    expect(searchUpTo(5000, { ...options, maxSteps: 3 }).steps).toHaveLength(3);
  });

  it('finds nothing when not even 1 req/s held', () => {
    expect(searchUpTo(0).done).toEqual({ max_rate: 0, ceiling_reached: false });
  });
});
