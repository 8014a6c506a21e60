import { describe, expect, it } from 'vitest';
import { mergeEvidence } from '../../../src/merge/merge-source-evidence.js';

describe('mergeEvidence', () => {
  it('takes a single share as is and leaves unmeasured sections absent', () => {
    const merged = mergeEvidence([{ cache: { hit_ratio: 0.7, hits: 70, misses: 30 } }, {}]);
    expect(merged).toEqual({ cache: { hit_ratio: 0.7, hits: 70, misses: 30 } });
    expect('queues' in merged).toBe(false);
  });

  it('recomputes the hit ratio of two Redis servers from summed hits and misses', () => {
    const merged = mergeEvidence([
      { cache: { hit_ratio: 0.9, hits: 90, misses: 10, evictions: 1, memory_ratio: 0.2, ops_per_s: 100 } },
      { cache: { hit_ratio: 0.5, hits: 300, misses: 300, evictions: 2, memory_ratio: 0.8, ops_per_s: 50 } },
    ]);
    expect(merged.cache?.hit_ratio).toBeCloseTo(390 / 700, 12);
    expect(merged.cache).toMatchObject({ hits: 390, misses: 310, evictions: 3, memory_ratio: 0.8, ops_per_s: 150 });
  });

  it('adds queue sources up and lets a queue that never drained win', () => {
    const merged = mergeEvidence([
      {
        queues: {
          names: ['a'],
          depth_max: 10,
          slope_per_s: 2,
          drain_s: 3,
          active_queues: 1,
          by_queue: { a: { depth_max: 10 } },
        },
      },
      {
        queues: {
          names: ['b'],
          depth_max: 5,
          slope_per_s: 1,
          drain_s: null,
          active_queues: 1,
          by_queue: { b: { depth_max: 5 } },
        },
      },
    ]);
    expect(merged.queues).toMatchObject({
      names: ['a', 'b'],
      depth_max: 15,
      slope_per_s: 3,
      drain_s: null,
      active_queues: 2,
    });
    expect(Object.keys(merged.queues?.by_queue ?? {})).toEqual(['a', 'b']);
  });

  it('merges other sections key by key: arrays joined, maxima kept, else the first value', () => {
    const merged = mergeEvidence([
      {
        db: {
          replicas: [{ name: 'replica:1', xact_commit: 1, tup_returned: 2 }],
          replica_lag_max_s: 0.5,
          queries_per_request: 4,
        },
      },
      {
        db: {
          replicas: [{ name: 'replica:2', xact_commit: 3, tup_returned: 4 }],
          replica_lag_max_s: 2,
          queries_per_request: 9,
        },
      },
    ]);
    expect(merged.db?.replicas?.map((r) => r.name)).toEqual(['replica:1', 'replica:2']);
    expect(merged.db?.replica_lag_max_s).toBe(2);
    expect(merged.db?.queries_per_request).toBe(4);
  });
});
