import { describe, expect, it } from 'vitest';
import { weightedPicker } from '../../../src/load/endpoint-mix.js';

describe('weightedPicker', () => {
  it('follows the weights', () => {
    const pick = weightedPicker([1, 2, 7], 42);
    const counts = [0, 0, 0];
    for (let i = 0; i < 100_000; i++) counts[pick()]! += 1;
    expect(counts[0]! / 1e5).toBeCloseTo(0.1, 2);
    expect(counts[1]! / 1e5).toBeCloseTo(0.2, 2);
    expect(counts[2]! / 1e5).toBeCloseTo(0.7, 2);
  });

  it('is reproducible for a seed and differs between seeds', () => {
    const seq = (seed: number) => Array.from({ length: 50 }, weightedPicker([1, 1, 1], seed));
    expect(seq(3)).toEqual(seq(3));
    expect(seq(3)).not.toEqual(seq(4));
  });
});
