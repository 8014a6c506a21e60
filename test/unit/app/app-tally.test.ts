import { describe, expect, it } from 'vitest';
import { AppTally, mergeAppFigures } from '../../../src/app/app-tally.js';
import type { AppSample } from '../../../src/app/wire-format.js';

const sample = (over: Partial<AppSample> = {}): AppSample => ({
  appMs: 10,
  dbMs: 4,
  queries: 11,
  duplicates: 10,
  cacheHits: 2,
  cacheMisses: 1,
  tasks: { high: 1 },
  topDuplicate: { statement: 'SELECT name FROM suppliers WHERE id = ?', n: 10 },
  ...over,
});

describe('AppTally', () => {
  it('gives per-request figures, the time outside the app, and the top duplicate', () => {
    const t = new AppTally();
    for (let i = 0; i < 4; i++) t.add(sample({ appMs: 10 + i }), 25 + i);
    t.add(sample({ queries: 1, duplicates: 0, topDuplicate: undefined, tasks: {} }), 12);
    t.without++;
    const f = t.figures();
    expect(f.responses).toBe(5);
    expect(f.without).toBe(1);
    expect(f.queries_per_request).toBe(9); // (4 × 11 + 1) / 5
    expect(f.duplicate_queries_per_request).toBe(8);
    expect(f.tasks_per_request).toEqual({ high: 0.8 });
    expect(f.top_duplicate).toEqual({ statement: 'SELECT name FROM suppliers WHERE id = ?', per_request: 8 });
    expect(f.outside_app_ms.p50).toBeCloseTo(15, 1);
    expect(f.app_ms.p99).toBeCloseTo(13, 1);
    expect(f.queued_ms).toBeUndefined();
  });

  it('never reads a negative time outside the app (clock skew between the two ends)', () => {
    const t = new AppTally();
    t.add(sample({ appMs: 50 }), 40);
    expect(t.figures().outside_app_ms.p99).toBeLessThan(0.01);
  });

  it('merges exactly: parts add up to one tally that saw everything', () => {
    const whole = new AppTally();
    const parts = [new AppTally(), new AppTally(), new AppTally()];
    for (let i = 0; i < 300; i++) {
      const s = sample({ appMs: (i * 7) % 113, queueMs: i % 5, queries: i % 4, tasks: { [`q${i % 3}`]: 1 } });
      whole.add(s, 120 + (i % 17));
      parts[i % 3]!.add(s, 120 + (i % 17));
    }
    const merged = mergeAppFigures(parts.map((p) => p.figures()));
    const expected = whole.figures();
    expect({ ...merged, histograms: undefined }).toEqual({ ...expected, histograms: undefined });
    expect(merged.queued_ms).toEqual(expected.queued_ms);
  });
});
