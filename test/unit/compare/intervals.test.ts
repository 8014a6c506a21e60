import { describe, expect, it } from 'vitest';
import {
  changeInterval,
  criticalValue,
  INDEPENDENT,
  quantileDependence,
  quantileEstimate,
  rateEstimate,
  rateSpread,
  shareDependence,
  shareEstimate,
} from '../../../src/compare/intervals.js';
import { createHistogram, recordMs } from '../../../src/load/histogram.js';
import type { Histogram } from '../../../src/load/histogram.js';
import { seededRandom } from '../../../src/load/endpoint-mix.js';

/** Exponential latencies with mean 10 ms: the true p95 is 10 · ln 20 ≈ 29.96 ms. */
function exponential(seed: number, n: number, perSecond = n): { total: Histogram; seconds: Histogram[] } {
  const random = seededRandom(seed);
  const total = createHistogram();
  const seconds: Histogram[] = [];
  for (let i = 0; i < n; i++) {
    if (i % perSecond === 0) seconds.push(createHistogram());
    const ms = -10 * Math.log(1 - random());
    recordMs(total, ms);
    recordMs(seconds[seconds.length - 1]!, ms);
  }
  return { total, seconds };
}

describe('criticalValue', () => {
  it('is the normal quantile without blocks and Student t with them', () => {
    expect(criticalValue(0.99, Infinity)).toBeCloseTo(2.5758, 3);
    expect(criticalValue(0.99, 3)).toBeCloseTo(5.8409, 3);
    expect(criticalValue(0.95, 29)).toBeCloseTo(2.0452, 3);
    expect(criticalValue(0.99, 0)).toBe(Infinity);
  });
});

describe('quantileEstimate', () => {
  it('covers the true p95 of a known distribution in about the promised share of runs', () => {
    const truth = 10 * Math.log(20) * 1000;
    let covered = 0;
    for (let seed = 1; seed <= 100; seed++) {
      const e = quantileEstimate(exponential(seed, 2000).total, 0.95, 0.9, INDEPENDENT);
      if (e.low! <= truth && truth <= e.high!) covered++;
    }
    expect(covered).toBeGreaterThanOrEqual(82);
    expect(covered).toBeLessThanOrEqual(98);
  });

  it('reads the rank interval from the histogram: the low bound below, the high bound above the figure', () => {
    const e = quantileEstimate(exponential(7, 1000).total, 0.5, 0.99, INDEPENDENT);
    expect(e.low!).toBeLessThan(e.value);
    expect(e.high!).toBeGreaterThan(e.value);
    expect(e.scale).toBe('log');
    expect(e.se).toBeGreaterThan(0);
  });

  it('leaves the high bound open when the tail holds too few samples (p99 of 50 requests)', () => {
    const e = quantileEstimate(exponential(8, 50).total, 0.99, 0.99, INDEPENDENT);
    expect(e.high).toBeNull();
  });

  it('widens for seconds that move together', () => {
    // Half the seconds are twice as slow as the others: requests within a second are not independent.
    const random = seededRandom(9);
    const total = createHistogram();
    const seconds = Array.from({ length: 20 }, (_, s) => {
      const h = createHistogram();
      for (let i = 0; i < 100; i++) {
        const ms = (s % 2 ? 20 : 10) * -Math.log(1 - random());
        recordMs(h, ms);
        recordMs(total, ms);
      }
      return h;
    });
    const dep = quantileDependence(total, seconds, 0.95);
    expect(dep.design_effect).toBeGreaterThan(2);
    expect(dep.df).toBe(19);
    const independent = quantileDependence(exponential(10, 2000, 100).total, exponential(10, 2000, 100).seconds, 0.95);
    expect(independent.design_effect).toBeLessThan(2);
  });
});

describe('shares and rates', () => {
  it('gives a run with no errors an upper bound instead of a zero-width interval', () => {
    const e = shareEstimate({ hits: 0, total: 400 }, 0.99, INDEPENDENT);
    expect(e.value).toBe(0);
    expect(e.low).toBe(0);
    expect(e.high!).toBeGreaterThan(0.003);
    expect(e.high!).toBeLessThan(0.03);
  });

  it('measures the spread of errors per second', () => {
    const bursty = shareDependence([
      { hits: 30, total: 100 },
      { hits: 0, total: 100 },
      { hits: 30, total: 100 },
      { hits: 0, total: 100 },
    ]);
    expect(bursty.design_effect).toBeGreaterThan(5);
  });

  it('does not take an open-model schedule for noise: a flat rate has a narrow interval', () => {
    const flat = rateEstimate(100, rateSpread([100, 100, 101, 99, 100, 100]), 0.99);
    expect(flat.high! / flat.low!).toBeLessThan(1.05);
    expect(rateEstimate(100, rateSpread([100]), 0.99).high).toBeNull();
  });
});

describe('changeInterval', () => {
  it('is relative for latency and absolute for shares, and unbounded when a side is', () => {
    const a = quantileEstimate(exponential(11, 3000).total, 0.5, 0.99, INDEPENDENT);
    const b = { ...a, value: a.value * 2 };
    const change = changeInterval(a, b, 0.99);
    expect(change.scale).toBe('relative');
    expect(change.estimate).toBeCloseTo(1, 5);
    expect(change.low!).toBeGreaterThan(0.5);
    const shares = changeInterval(
      shareEstimate({ hits: 10, total: 1000 }, 0.99, INDEPENDENT),
      shareEstimate({ hits: 50, total: 1000 }, 0.99, INDEPENDENT),
      0.99,
    );
    expect(shares.scale).toBe('absolute');
    expect(shares.estimate).toBeCloseTo(0.04, 6);
    expect(shares.low!).toBeGreaterThan(0);
    const open = { ...a, se: Infinity, low: null };
    expect(changeInterval(a, open, 0.99).high).toBeNull();
  });

  it("bounds a change to a rate of zero by the ratio of the runs' bounds", () => {
    const before = rateEstimate(30, rateSpread([30, 31, 29, 30, 30, 30, 31, 29, 30, 30]), 0.99);
    const none = rateEstimate(0, rateSpread(Array(10).fill(0)), 0.99);
    expect(none).toMatchObject({ value: 0, low: 0 });
    // Poisson: no event in 10 s bounds the rate by −ln(0.01) ÷ 10 s.
    expect(none.high!).toBeCloseTo(Math.log(100) / 10, 6);
    const change = changeInterval(before, none, 0.99);
    expect(change.estimate).toBe(-1);
    expect(change.low).toBe(-1);
    expect(change.high!).toBeCloseTo(none.high! / before.low! - 1, 9);
    expect(change.high!).toBeLessThan(-0.95);
  });
});
