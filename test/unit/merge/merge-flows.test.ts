import { describe, expect, it } from 'vitest';
import { mergeDataUse, mergeFlowResults } from '../../../src/merge/merge-flows.js';
import { flowOf } from '../../support/flow-results.js';

describe('merging flows of shards', () => {
  it('sums counts and reads percentiles from the summed histograms, as one recorder would', () => {
    const a = flowOf([10, 20, 30], [['login', 'csrf']]);
    const b = flowOf(
      [400, 500],
      [
        ['checkout', 'extract'],
        ['login', 'csrf'],
      ],
    );
    const merged = mergeFlowResults([{ buy: a }, { buy: b }], 10)!.buy!;
    const whole = flowOf(
      [10, 20, 30, 400, 500],
      [
        ['login', 'csrf'],
        ['checkout', 'extract'],
        ['login', 'csrf'],
      ],
    );
    expect(merged).toMatchObject({ iterations: 8, completed: 5, failed: 3, failed_at: { login: 2, checkout: 1 } });
    expect(merged.failed_by_class).toEqual({ csrf: 2, extract: 1 });
    expect(merged.summary.latency_ms).toEqual(whole.summary.latency_ms);
    expect(merged.summary.rate).toBe(0.5);
    expect(merged.summary.failure_rate).toBeCloseTo(3 / 8, 10);
  });

  it('adds up unique rows used; a set ran out when any part ran out', () => {
    const u = (used: number, exhausted: boolean) => ({ users: { mode: 'unique' as const, rows: 5, used, exhausted } });
    expect(mergeDataUse([u(5, true), u(3, false)])).toEqual({
      users: { mode: 'unique', rows: 10, used: 8, exhausted: true },
    });
    expect(mergeDataUse([undefined, undefined])).toBeUndefined();
  });
});
