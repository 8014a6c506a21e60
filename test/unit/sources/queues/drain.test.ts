import { describe, expect, it } from 'vitest';
import { drainSeconds } from '../../../../src/sources/queues/drain.js';

const series = (pairs: [number, number][]) => pairs.map(([t, v]) => ({ t, v }));

describe('drainSeconds', () => {
  it('is the time from load end to the first sample back at the start depth', () => {
    const points = series([
      [0, 0],
      [1, 20],
      [2, 40],
      [3, 60],
      [4, 35],
      [5, 10],
      [6, 0],
      [7, 0],
    ]);
    expect(drainSeconds(points, 3, 0)).toBe(3);
  });

  it('measures from a load end between samples', () => {
    const points = series([
      [0, 5],
      [1, 30],
      [2, 50],
      [2.5, 20],
      [3, 5],
    ]);
    expect(drainSeconds(points, 2.2, 5)).toBeCloseTo(0.8, 9);
  });

  it('counts "back to start", not "empty": a queue that started at 12 is drained at 12', () => {
    const points = series([
      [0, 12],
      [1, 40],
      [2, 25],
      [3, 12],
      [4, 3],
    ]);
    expect(drainSeconds(points, 1, 12)).toBe(2);
  });

  it('is 0 when the depth never rose above the start during the load', () => {
    const points = series([
      [0, 0],
      [1, 0],
      [2, 0],
      [3, 0],
    ]);
    expect(drainSeconds(points, 2, 0)).toBe(0);
  });

  it('is null when no later sample is back at the start', () => {
    const points = series([
      [0, 0],
      [1, 10],
      [2, 20],
      [3, 15],
      [4, 5],
    ]);
    expect(drainSeconds(points, 2, 0)).toBeNull();
    expect(
      drainSeconds(
        series([
          [0, 0],
          [1, 10],
        ]),
        1,
        0,
      ),
    ).toBeNull();
  });

  it('does not care about sample order', () => {
    const points = series([
      [4, 0],
      [0, 0],
      [2, 9],
      [3, 4],
      [1, 5],
    ]);
    expect(drainSeconds(points, 2, 0)).toBe(2);
  });
});
