import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { leastSquaresSlope } from '../../../src/sources/slope.js';

describe('leastSquaresSlope', () => {
  it('recovers the rate of a queue growing 20 messages per second', () => {
    const points = [0, 1, 2, 3, 4].map((t) => ({ t, v: 5 + 20 * t }));
    expect(leastSquaresSlope(points)).toBeCloseTo(20, 9);
  });

  it('fits through noise: ±1 jitter around a slope of 3 stays near 3', () => {
    const jitter = [1, -1, 0, 1, -1, 0, 1, -1, 0, 1];
    const points = jitter.map((j, t) => ({ t, v: 3 * t + j }));
    expect(leastSquaresSlope(points)).toBeCloseTo(3, 0);
  });

  it('is negative for a draining queue and zero for a flat one', () => {
    expect(
      leastSquaresSlope([
        { t: 0, v: 100 },
        { t: 2, v: 60 },
      ]),
    ).toBeCloseTo(-20, 9);
    expect(
      leastSquaresSlope([
        { t: 0, v: 7 },
        { t: 1, v: 7 },
        { t: 2, v: 7 },
      ]),
    ).toBe(0);
  });

  it('has no slope with one point or one instant', () => {
    expect(leastSquaresSlope([{ t: 1, v: 3 }])).toBeUndefined();
    expect(
      leastSquaresSlope([
        { t: 1, v: 3 },
        { t: 1, v: 9 },
      ]),
    ).toBeUndefined();
  });

  it('equals the line slope for any exact line with uneven sample times', () => {
    fc.assert(
      fc.property(
        fc.double({ min: -100, max: 100, noNaN: true }),
        fc.double({ min: -1000, max: 1000, noNaN: true }),
        fc.uniqueArray(fc.integer({ min: 0, max: 10_000 }), { minLength: 2, maxLength: 30 }),
        (slope, intercept, ms) => {
          const points = ms.map((m) => ({ t: m / 1000, v: intercept + slope * (m / 1000) }));
          expect(leastSquaresSlope(points)).toBeCloseTo(slope, 4);
        },
      ),
    );
  });
});
