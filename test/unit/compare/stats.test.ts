import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mannWhitneyU, median, normalCdf, twoProportionZ } from '../../../src/compare/stats.js';

describe('mannWhitneyU', () => {
  // Reference values: scipy.stats.mannwhitneyu(a, b, method='asymptotic', use_continuity=True).
  it('matches scipy on separated samples', () => {
    const r = mannWhitneyU([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]);
    expect(r.u).toBe(0);
    expect(r.p).toBeCloseTo(0.012185780355344813, 5);
  });

  it('matches scipy with ties', () => {
    const r = mannWhitneyU([1, 2, 2, 3, 5, 5, 7], [2, 4, 5, 5, 6, 8, 9, 9]);
    expect(r.u).toBe(13);
    expect(r.p).toBeCloseTo(0.08894587821855457, 5);
  });

  it('matches scipy on interleaved samples (p = 1)', () => {
    const r = mannWhitneyU([3.1, 2.2, 5.5, 4.0, 3.3, 2.9], [3.0, 2.5, 5.0, 4.2, 3.6, 2.8]);
    expect(r.u).toBe(18);
    expect(r.p).toBeCloseTo(1, 5);
  });

  it('is symmetric: swapping the samples keeps p and mirrors U', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 2, maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 2, maxLength: 30 }),
        (a, b) => {
          const ab = mannWhitneyU(a, b);
          const ba = mannWhitneyU(b, a);
          expect(ab.p).toBeCloseTo(ba.p, 9);
          expect(ab.u + ba.u).toBeCloseTo(a.length * b.length, 9);
        },
      ),
    );
  });

  it('says p = 1 when every value is equal', () => {
    expect(mannWhitneyU([5, 5, 5], [5, 5, 5, 5]).p).toBe(1);
  });
});

describe('twoProportionZ', () => {
  it('matches the pooled z-test', () => {
    const r = twoProportionZ(30, 1000, 55, 1000);
    expect(r.z).toBeCloseTo(2.7711571470508027, 6);
    expect(r.p).toBeCloseTo(0.005585746187503892, 5);
  });

  it('has no evidence when both shares are 0', () => {
    expect(twoProportionZ(0, 1000, 0, 2000).p).toBe(1);
  });
});

describe('normalCdf and median', () => {
  it('agrees with known quantiles', () => {
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-2.5758293035489)).toBeCloseTo(0.005, 6);
  });

  it('takes the middle of odd and even samples', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
