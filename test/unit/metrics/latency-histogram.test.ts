import { Registry, type OpenMetricsContentType } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createHistogram, recordMs } from '../../../src/load/histogram.js';
import { countPerBucket, HdrLatencyHistogram, LATENCY_BUCKETS_S } from '../../../src/metrics/latency-histogram.js';

const hdr = (valuesMs: number[]) => {
  const h = createHistogram();
  for (const v of valuesMs) recordMs(h, v);
  return h;
};

describe('countPerBucket', () => {
  it('puts each value in the first bucket whose bound is at or above it', () => {
    const counts = countPerBucket(hdr([0.5, 1, 4, 40, 40, 299, 1200, 90_000]));
    const at = (bound: number) => counts[LATENCY_BUCKETS_S.indexOf(bound as (typeof LATENCY_BUCKETS_S)[number])];
    expect(at(0.001)).toBe(2); // 0.5 ms and exactly 1 ms
    expect(at(0.005)).toBe(1);
    expect(at(0.05)).toBe(2);
    expect(at(0.3)).toBe(1);
    expect(at(1.5)).toBe(1);
    expect(at(60)).toBe(1); // values above 60 s are clamped to the HDR range
    expect(counts.reduce((a, b) => a + b, 0)).toBe(8);
  });
});

describe('HdrLatencyHistogram', () => {
  it('exposes cumulative buckets, sum and count added from several HDR histograms', async () => {
    const registry = new Registry<OpenMetricsContentType>();
    registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
    const h = new HdrLatencyHistogram('t_latency_seconds', 'test', registry);
    h.addHdr(hdr([10, 20]));
    h.addHdr(hdr([200]));
    const text = await registry.metrics();
    expect(text).toContain('# TYPE t_latency_seconds histogram');
    expect(text).toContain('t_latency_seconds_bucket{le="0.01"} 1');
    expect(text).toContain('t_latency_seconds_bucket{le="0.025"} 2');
    expect(text).toContain('t_latency_seconds_bucket{le="0.2"} 3');
    expect(text).toContain('t_latency_seconds_bucket{le="+Inf"} 3');
    expect(text).toContain('t_latency_seconds_count 3');
    const sum = Number(/t_latency_seconds_sum (\S+)/.exec(text)![1]);
    expect(sum).toBeCloseTo(0.23, 3);
  });
});
