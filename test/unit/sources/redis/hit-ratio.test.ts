import { describe, expect, it } from 'vitest';
import { counterDelta } from '../../../../src/sources/counter-delta.js';
import { hitRatio } from '../../../../src/sources/redis/hit-ratio.js';

describe('hitRatio', () => {
  it('is hits over lookups', () => {
    expect(hitRatio(70, 30)).toBeCloseTo(0.7, 12);
    expect(hitRatio(0, 5)).toBe(0);
    expect(hitRatio(5, 0)).toBe(1);
  });

  it('is not measured without lookups', () => {
    expect(hitRatio(0, 0)).toBeUndefined();
  });
});

describe('counterDelta', () => {
  it('is the increase of a counter', () => {
    expect(counterDelta(1000, 1250)).toBe(250);
  });

  it('counts from zero after a reset or a restart', () => {
    expect(counterDelta(1000, 40)).toBe(40);
    expect(counterDelta(10, 40, true)).toBe(40);
  });
});
