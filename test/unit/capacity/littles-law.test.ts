import { describe, expect, it } from 'vitest';
import { concurrencyOf } from '../../../src/capacity/littles-law.js';

describe("Little's law", () => {
  it('concurrency = throughput × mean time in the system', () => {
    expect(concurrencyOf(140, 50)).toBe(7);
    expect(concurrencyOf(66.7, 120)).toBe(8);
    expect(concurrencyOf(0, 120)).toBe(0);
  });
});
