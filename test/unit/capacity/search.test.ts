import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  nextAction,
  type SearchAnswer,
  type SearchOptions,
  type SearchStep,
  type StepVerdict,
} from '../../../src/capacity/search.js';

const OPTIONS: SearchOptions = { start: 50, ceiling: 5000, ceilingBy: 'max', precision: 0.05, confirm: true };

/** Runs the search against a judge of each rate; returns the steps and the answer. */
function search(options: SearchOptions, judge: (rate: number, confirmation: boolean) => StepVerdict) {
  const steps: SearchStep[] = [];
  for (;;) {
    const action = nextAction(options, steps);
    if (action.kind === 'done') return { steps, answer: action.answer };
    steps.push({
      rate: action.rate,
      verdict: judge(action.rate, action.confirmation),
      confirmation: action.confirmation,
    });
    if (steps.length > 100) throw new Error('search does not end');
  }
}

describe('nextAction', () => {
  it('doubles from the start, bisects the bracket and confirms the answer', () => {
    const { steps, answer } = search(OPTIONS, (rate) => (rate <= 140 ? 'pass' : 'fail'));
    expect(steps.map((s) => s.rate)).toEqual([50, 100, 200, 150, 125, 138, 144, 138]);
    expect(steps.at(-1)!.confirmation).toBe(true);
    expect(answer).toMatchObject({ status: 'found', max_rate: 138, bracket: [138, 144], confirmed: true });
  });

  it('lands within the precision below any true capacity, with the step above it failing', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 2, max: 4000, noNaN: true }),
        fc.constantFrom(0.02, 0.05, 0.1, 0.25),
        (c, precision) => {
          const { answer } = search({ ...OPTIONS, precision }, (rate) => (rate <= c ? 'pass' : 'fail'));
          const [lo, hi] = answer.bracket as [number, number];
          expect(answer.status).toBe('found');
          expect(answer.confirmed).toBe(true);
          expect(lo).toBeLessThanOrEqual(c);
          expect(hi).toBeGreaterThan(c);
          // Rates are whole above 10 req/s (tenths below): the bracket cannot be finer than that.
          expect(c - lo).toBeLessThanOrEqual(Math.max(precision * c, c >= 10 ? 1 : 0.1) + 1e-9);
        },
      ),
    );
  });

  it('a failed confirmation lowers the answer to the next passing rate', () => {
    const { answer, steps } = search(OPTIONS, (rate, confirmation) =>
      rate <= 140 && !(confirmation && rate === 138) ? 'pass' : 'fail',
    );
    expect(steps.filter((s) => s.confirmation).map((s) => s.rate)).toEqual([138, 132]);
    expect(answer).toMatchObject({ status: 'found', max_rate: 132, confirmed: true });
  });

  it('stops at --max and says the capacity is at least that', () => {
    const { steps, answer } = search({ ...OPTIONS, ceiling: 300 }, () => 'pass');
    expect(steps.map((s) => s.rate)).toEqual([50, 100, 200, 300, 300]);
    expect(answer).toMatchObject({ status: 'ceiling', max_rate: 300, confirmed: true });
  });

  it('a generator cap (limits.max_rate) passed all the way is inconclusive, not a capacity', () => {
    const { answer } = search({ ...OPTIONS, ceiling: 120, ceilingBy: 'limits.max_rate' }, () => 'pass');
    expect(answer).toMatchObject({ status: 'inconclusive', max_rate: null, bracket: [120, null] });
    expect(answer.reason).toMatch(/limits\.max_rate 120/);
  });

  it('retries an inconclusive step once, then stops: the generator is the limit', () => {
    const { steps, answer } = search(OPTIONS, (rate) => (rate >= 200 ? 'inconclusive' : 'pass'));
    expect(steps.map((s) => `${s.rate}:${s.verdict}`)).toEqual([
      '50:pass',
      '100:pass',
      '200:inconclusive',
      '200:inconclusive',
    ]);
    expect(answer).toMatchObject<Partial<SearchAnswer>>({
      status: 'inconclusive',
      max_rate: null,
      bracket: [100, null],
    });
    expect(answer.reason).toMatch(/generator/);
  });

  it('halves below a failing start until a step passes', () => {
    const { steps, answer } = search({ ...OPTIONS, precision: 0.1 }, (rate) => (rate <= 10 ? 'pass' : 'fail'));
    expect(steps.slice(0, 4).map((s) => s.rate)).toEqual([50, 25, 13, 6.5]);
    expect(answer.status).toBe('found');
    expect(answer.max_rate).toBeLessThanOrEqual(10);
  });

  it('gives up when even a trickle fails', () => {
    expect(search(OPTIONS, () => 'fail').answer).toMatchObject({ status: 'none', max_rate: null });
  });

  it('without confirmation the answer is unconfirmed', () => {
    const { steps, answer } = search({ ...OPTIONS, confirm: false }, (rate) => (rate <= 140 ? 'pass' : 'fail'));
    expect(steps.some((s) => s.confirmation)).toBe(false);
    expect(answer).toMatchObject({ status: 'found', max_rate: 138, confirmed: false });
  });
});
