import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDuration, formatTicks, type ValueUnit } from '../../../src/util/format.js';

describe('formatTicks', () => {
  it('gives small values the decimals that keep labels apart', () => {
    expect(formatTicks([0, 0.0001, 0.0002, 0.0003, 0.0004], 's')).toEqual([
      '0.0000 s',
      '0.0001 s',
      '0.0002 s',
      '0.0003 s',
      '0.0004 s',
    ]);
    expect(formatTicks([0, 0.25, 0.5, 0.75, 1], 'ms')).toEqual(['0.00 ms', '0.25 ms', '0.50 ms', '0.75 ms', '1.00 ms']);
  });

  it('uses one scale for the axis: seconds from 10 s, percentages, bytes of the largest', () => {
    expect(formatTicks([0, 5000, 10_000, 15_000], 'ms')).toEqual(['0 s', '5 s', '10 s', '15 s']);
    expect(formatTicks([0, 100, 200, 300], 'ms')).toEqual(['0 ms', '100 ms', '200 ms', '300 ms']);
    expect(formatTicks([0, 0.005, 0.01], 'ratio')).toEqual(['0.0%', '0.5%', '1.0%']);
    expect(formatTicks([0, 1024 ** 2, 2 * 1024 ** 2], 'bytes')).toEqual(['0 MiB', '1 MiB', '2 MiB']);
    expect(formatTicks([0, 20_000, 40_000], 'count')).toEqual(['0', '20,000', '40,000']);
  });

  it('never repeats a label for evenly spaced ticks of any size', () => {
    const units: ValueUnit[] = ['ms', 's', 'ratio', 'req/s', 'count', 'bytes'];
    fc.assert(
      fc.property(fc.double({ min: 1e-5, max: 1e9, noNaN: true }), fc.constantFrom(...units), (top, unit) => {
        const ticks = [0, 1, 2, 3, 4].map((i) => (top * i) / 4);
        expect(new Set(formatTicks(ticks, unit)).size).toBe(5);
      }),
    );
  });
});

describe('formatDuration', () => {
  it('says no time at all as 0 s, not a measured 0µs', () => {
    expect(formatDuration(0)).toBe('0 s');
    expect(formatDuration(0.25)).toBe('250µs');
    expect(formatDuration(30_000)).toBe('30s');
  });
});
