import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  summarizeLag,
  summarizeLagByReplica,
  type LagObservation,
} from '../../../../src/sources/postgres/lag-summary.js';
import { maxOf, percentile } from '../../../../src/sources/postgres/percentile.js';

describe('percentile (nearest rank)', () => {
  it('picks the value at the nearest rank', () => {
    const values = Array.from({ length: 20 }, (_, i) => 20 - i); // 20..1, unsorted on purpose
    expect(percentile(values, 95)).toBe(19);
    expect(percentile(values, 50)).toBe(10);
    expect(percentile(values, 100)).toBe(20);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([], 95)).toBeUndefined();
  });

  it('always returns one of the values, between the smallest and the largest', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ noNaN: true, min: -1e6, max: 1e6 }), { minLength: 1 }),
        fc.integer({ min: 0, max: 100 }),
        (values, p) => {
          const v = percentile(values, p)!;
          expect(values).toContain(v);
          expect(v).toBeLessThanOrEqual(maxOf(values)!);
          expect(v).toBeGreaterThanOrEqual(Math.min(...values));
        },
      ),
    );
  });
});

describe('summarizeLag', () => {
  it('takes the p95 over the worst replica of each sample and the max over everything', () => {
    const obs: LagObservation[] = [];
    for (let t = 0; t < 20; t++) {
      obs.push({ t, replica: 'replica:1', lag_s: t === 19 ? 8 : 0.1, lag_bytes: t * 100 });
      obs.push({ t, replica: 'replica:2', lag_s: t === 18 ? 3 : 0.2 });
    }
    expect(summarizeLag(obs)).toEqual({ max_s: 8, p95_s: 3, bytes_max: 1900 });
  });

  it('ignores readings without a value and reports nothing it did not see', () => {
    const obs: LagObservation[] = [
      { t: 1, replica: 'replica:1' },
      { t: 2, replica: 'standby:x', lag_bytes: 512 },
    ];
    expect(summarizeLag(obs)).toEqual({ bytes_max: 512 });
    expect(summarizeLag([])).toEqual({});
  });

  it('summarizes each replica on its own', () => {
    const byReplica = summarizeLagByReplica([
      { t: 1, replica: 'replica:1', lag_s: 0, lag_bytes: 0 },
      { t: 1, replica: 'replica:2', lag_s: 4, lag_bytes: 9000 },
      { t: 2, replica: 'replica:2', lag_s: 1, lag_bytes: 100 },
    ]);
    expect(byReplica.get('replica:1')).toEqual({ max_s: 0, p95_s: 0, bytes_max: 0 });
    expect(byReplica.get('replica:2')).toEqual({ max_s: 4, p95_s: 4, bytes_max: 9000 });
  });

  it('marks the max a lower bound when its reading predates the first sample', () => {
    expect(
      summarizeLag([
        { t: 1, replica: 'replica:1', lag_s: 2, at_least: true },
        { t: 2, replica: 'replica:1', lag_s: 1 },
      ]),
    ).toMatchObject({ max_s: 2, max_at_least: true });
    expect(summarizeLag([{ t: 1, replica: 'replica:1', lag_s: 2 }]).max_at_least).toBeUndefined();
  });
});
