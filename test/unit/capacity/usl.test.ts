import { describe, expect, it } from 'vitest';
import { fitUsl, linearisedFit, uslThroughput } from '../../../src/capacity/usl.js';

const truth = { lambda: 95, sigma: 0.04, kappa: 0.0006 };
const synthetic = (noise: (i: number) => number) =>
  [1, 2, 4, 8, 12, 16, 24, 32, 40, 48].map((n, i) => ({ n, x: uslThroughput(n, truth) * (1 + noise(i)) }));

describe('fitUsl', () => {
  it('recovers σ and κ within 10 % from exact points', () => {
    const fit = fitUsl(synthetic(() => 0))!;
    expect(fit.sigma).toBeCloseTo(truth.sigma, 3);
    expect(Math.abs(fit.kappa - truth.kappa) / truth.kappa).toBeLessThan(0.1);
    expect(Math.abs(fit.sigma - truth.sigma) / truth.sigma).toBeLessThan(0.1);
    expect(fit.r2).toBeGreaterThan(0.999);
    expect(fit.poor).toBe(false);
  });

  it('recovers σ and κ within 10 % from points with ±1 % noise', () => {
    const fit = fitUsl(synthetic((i) => (i % 2 ? 0.01 : -0.01) * ((i % 3) / 2)))!;
    expect(Math.abs(fit.kappa - truth.kappa) / truth.kappa).toBeLessThan(0.1);
    expect(Math.abs(fit.sigma - truth.sigma) / truth.sigma).toBeLessThan(0.1);
  });

  it('the linearised fit is exact on exact points', () => {
    const fit = linearisedFit(synthetic(() => 0));
    expect(fit.sigma).toBeCloseTo(truth.sigma, 6);
    expect(fit.kappa).toBeCloseTo(truth.kappa, 8);
    expect(fit.lambda).toBeCloseTo(truth.lambda, 4);
  });

  it('predicts the peak at N* = √((1 − σ)/κ)', () => {
    const fit = fitUsl(synthetic(() => 0))!;
    const nStar = Math.sqrt((1 - truth.sigma) / truth.kappa);
    expect(fit.peak_concurrency!).toBeCloseTo(nStar, 0);
    expect(fit.peak_rate!).toBeCloseTo(uslThroughput(nStar, truth), -1);
  });

  it('says the fit is poor instead of printing a peak for scattered points', () => {
    const fit = fitUsl([
      { n: 1, x: 50 },
      { n: 2, x: 20 },
      { n: 3, x: 90 },
      { n: 4, x: 30 },
      { n: 5, x: 60 },
    ])!;
    expect(fit.poor).toBe(true);
  });

  it('linear steps of an open-model search (no contention) predict no peak', () => {
    const fit = fitUsl([1, 2, 3, 4, 5].map((n) => ({ n, x: 10 * n * (1 + (n % 2 ? 0.002 : -0.002)) })))!;
    expect(fit.peak_rate === null || fit.poor).toBe(true);
  });

  it('needs three distinct concurrencies', () => {
    expect(
      fitUsl([
        { n: 1, x: 10 },
        { n: 2, x: 20 },
        { n: 2, x: 21 },
      ]),
    ).toBeNull();
  });
});
