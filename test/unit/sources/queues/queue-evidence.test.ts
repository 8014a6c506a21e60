import { describe, expect, it } from 'vitest';
import { DepthSeries } from '../../../../src/sources/queues/depth-series.js';
import { type DepthPoint, depthValues, queueEvidence } from '../../../../src/sources/queues/queue-evidence.js';

const point = (t: number, a: number, b: number, unacked?: number): DepthPoint => ({
  t,
  total: a + b + (unacked ?? 0),
  by_queue: { a, b },
  ...(unacked !== undefined && { unacked }),
});

describe('queueEvidence', () => {
  // Consumer stopped for 3 s of load (queue a grows 10/s), then it drains by t = 5.
  const baseline = point(0, 0, 0);
  const samples = [
    point(1, 10, 0),
    point(2, 20, 0),
    point(3, 30, 0, 2),
    point(4, 12, 0, 1),
    point(5, 0, 0),
    point(6, 0, 0),
  ];
  const evidence = queueEvidence(['a', 'b'], baseline, samples, 3);

  it('takes depth extremes over every sample, start from the baseline and end from the last', () => {
    expect(evidence.depth_max).toBe(32);
    expect(evidence.depth_start).toBe(0);
    expect(evidence.depth_end).toBe(0);
  });

  it('fits the slope over the load only, not the drain', () => {
    // Fit of (0,0) (1,10) (2,20) (3,32): Σ(t−1.5)(v−15.5) / Σ(t−1.5)² = 53 / 5; with the drain samples it would be ~2.
    expect(evidence.slope_per_s).toBeCloseTo(10.6, 9);
  });

  it('measures the drain after load end and counts only queues that held messages', () => {
    expect(evidence.drain_s).toBe(2);
    expect(evidence.active_queues).toBe(1);
    expect(evidence.by_queue).toEqual({ a: { depth_max: 30 }, b: { depth_max: 0 } });
    expect(evidence.unacked_max).toBe(2);
  });

  it('keeps the largest consumer count per queue', () => {
    const withConsumers = queueEvidence(
      ['q'],
      undefined,
      [
        { t: 0, total: 3, by_queue: { q: 3 }, consumers: { q: 1 } },
        { t: 1, total: 1, by_queue: { q: 1 }, consumers: { q: 2 } },
      ],
      1,
    );
    expect(withConsumers.by_queue?.q).toEqual({ depth_max: 3, consumers: 2 });
    expect(withConsumers.unacked_max).toBeUndefined();
  });

  it('says nothing measured beyond the names without samples', () => {
    expect(queueEvidence(['a'], undefined, [], 10)).toEqual({ names: ['a'] });
  });
});

describe('DepthSeries', () => {
  it('is drained only when a sample after the baseline is back at the baseline depth', () => {
    const depths = new DepthSeries();
    expect(depths.drained()).toBe(false);
    depths.setBaseline(point(0.3, 4, 0));
    expect(depths.drained()).toBe(false);
    depths.add(point(1, 9, 0));
    expect(depths.drained()).toBe(false);
    depths.add(point(2, 4, 0));
    expect(depths.drained()).toBe(true);
    expect(depths.evidence(['a', 'b'], 1).depth_start).toBe(4);
  });

  it('turns a point into flat series values', () => {
    expect(depthValues({ t: 1, total: 5, by_queue: { x: 2, y: 1 }, unacked: 2, consumers: { x: 1, y: 3 } })).toEqual({
      depth: 5,
      'depth:x': 2,
      'depth:y': 1,
      unacked: 2,
      consumers: 4,
      'consumers:x': 1,
      'consumers:y': 3,
    });
  });
});
