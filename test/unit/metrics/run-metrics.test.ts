import { describe, expect, it } from 'vitest';
import { createHistogram, encodeHistogram, recordMs } from '../../../src/load/histogram.js';
import { emptyCounts } from '../../../src/load/recorder.js';
import type { LoadOutcome, Progress } from '../../../src/load/engine.js';
import { metricNamePart, RunMetrics } from '../../../src/metrics/run-metrics.js';
import { AppTally } from '../../../src/app/app-tally.js';
import type { TimelineRow } from '../../../src/result/run-result.js';

const counts = (requests: number, http = 0) => ({
  ...emptyCounts(),
  requests,
  errors: http,
  errors_by_class: { ...emptyCounts().errors_by_class, http },
});

const progress = (endpoints: Progress['endpoints']): Progress => ({
  elapsedS: 1,
  warmupS: 0,
  rps: 0,
  successRps: 0,
  p95: 0,
  errors: 0,
  requests: 0,
  inFlight: 3,
  dropped: 0,
  endpoints,
  scheduleLagMs: 2,
});

const row = (t: number, latenciesMs: number[]): TimelineRow => {
  const h = createHistogram();
  for (const ms of latenciesMs) recordMs(h, ms);
  return {
    t,
    rps: latenciesMs.length,
    p50: 10,
    p95: 20,
    p99: 30,
    errors: 0,
    requests: latenciesMs.length,
    dropped: 0,
    errors_by_class: {},
    status_codes: {},
    histogram: encodeHistogram(h),
  };
};

const value = (text: string, series: string): number => {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `) || l.startsWith(series.replace('}', ',')));
  return Number(line?.split(' ').pop());
};

describe('RunMetrics', () => {
  const make = () =>
    new RunMetrics({ runId: 'r1', shard: '2/3', endpoints: ['list', 'detail'], intendedInSecond: () => 50 });

  it('counts requests and errors per endpoint name, and only upwards', async () => {
    const m = make();
    m.observeProgress(progress([counts(10, 1), counts(4)]));
    m.observeProgress(progress([counts(25, 2), counts(4)]));
    m.observeProgress(progress([counts(20, 2), counts(4)])); // a stale worker report never lowers a counter
    const text = await m.registry.metrics();
    expect(text).toContain('scale_audit_requests_total{endpoint="list",run_id="r1",shard="2/3"} 25');
    expect(text).toContain('scale_audit_requests_total{endpoint="detail",run_id="r1",shard="2/3"} 4');
    expect(text).toContain('scale_audit_errors_total{endpoint="list",class="http",run_id="r1",shard="2/3"} 2');
    expect(text).toContain('scale_audit_in_flight{run_id="r1",shard="2/3"} 3');
    expect(text).toContain('scale_audit_generator_lag_seconds{run_id="r1",shard="2/3"} 0.002');
    expect(m.requestCount).toBe(29);
  });

  it('builds the latency histogram from closed seconds once each, and ends on the exact totals', async () => {
    const m = make();
    m.observeSecond(row(0, [5, 15]));
    m.observeSecond(row(0, [5, 15])); // the same second again is ignored
    const outcome = {
      timeline: [row(0, [5, 15]), row(1, [250])],
      endpoints: [{ summary: counts(2) }, { summary: counts(1) }],
    } as unknown as LoadOutcome;
    m.finish(outcome);
    const text = await m.registry.metrics();
    expect(value(text, 'scale_audit_latency_seconds_count{run_id="r1",shard="2/3"}')).toBe(3);
    expect(text).toContain('scale_audit_latency_seconds_bucket{le="0.25",run_id="r1",shard="2/3"} 3');
    expect(text).toContain('scale_audit_latency_seconds_bucket{le="0.01",run_id="r1",shard="2/3"} 1');
    expect(text).toContain('scale_audit_intended_rps{run_id="r1",shard="2/3"} 50');
    expect(text).toContain('scale_audit_latency_p95_seconds{run_id="r1",shard="2/3"} 0.02');
    expect(m.requestCount).toBe(3);
  });

  it("ends with the app's own figures per endpoint when the run read them", async () => {
    const tally = new AppTally();
    for (let i = 0; i < 10; i++)
      tally.add({ appMs: 40, dbMs: 5, queries: 11, duplicates: 10, cacheHits: 1, cacheMisses: 3, tasks: {} }, 60);
    const m = make();
    const outcome = {
      timeline: [],
      endpoints: [{ summary: counts(10) }, { summary: counts(0) }],
      app: { list: tally.figures(), unknown: tally.figures() },
    } as unknown as LoadOutcome;
    m.finish(outcome);
    const text = await m.registry.metrics();
    expect(text).toContain('scale_audit_app_queries_per_request{endpoint="list",run_id="r1",shard="2/3"} 11');
    expect(text).toContain('scale_audit_app_duplicate_queries_per_request{endpoint="list",run_id="r1",shard="2/3"} 10');
    expect(text).toContain('scale_audit_app_cache_misses_per_request{endpoint="list",run_id="r1",shard="2/3"} 3');
    expect(value(text, 'scale_audit_app_outside_p95_seconds{endpoint="list",run_id="r1",shard="2/3"}')).toBeCloseTo(
      0.02,
      3,
    );
    expect(text).not.toContain('endpoint="unknown"');
  });

  it('shows the successful rate of the last closed second beside the answered one', async () => {
    const m = make();
    m.observeSecond({ ...row(0, [5, 15, 25, 35]), errors: 3 });
    const text = await m.registry.metrics();
    expect(text).toContain('scale_audit_completed_rps{run_id="r1",shard="2/3"} 4');
    expect(text).toContain('scale_audit_success_rps{run_id="r1",shard="2/3"} 1');
  });

  it('exposes every source value under the source label, with safe metric names', async () => {
    const m = make();
    m.observeSource('redis', { hit_ratio: 0.9, 'queue:celery depth': 7, bad: Number.NaN });
    const text = await m.registry.metrics();
    expect(text).toContain('scale_audit_source_hit_ratio{source="redis",run_id="r1",shard="2/3"} 0.9');
    expect(text).toContain('scale_audit_source_queue_celery_depth{source="redis",run_id="r1",shard="2/3"} 7');
    expect(text).not.toContain('scale_audit_source_bad{');
    expect(metricNamePart('--')).toBe('value');
  });
});
