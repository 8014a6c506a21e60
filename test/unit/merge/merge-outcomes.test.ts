import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mergeOutcomes } from '../../../src/merge/merge-outcomes.js';
import { LiveSeconds } from '../../../src/load/live-seconds.js';
import { mergeGeneratorHealth } from '../../../src/merge/merge-generator.js';
import { EdgeRecorder } from '../../../src/edge/edge-recorder.js';
import type { TimelineRow } from '../../../src/result/run-result.js';
import { eventArb, healthyGenerator, outcomeOf, record, type RecordedEvent } from '../../support/recorded-events.js';

const ENDPOINTS = 3;
const SECONDS = 4;

/** Splits events over k parts by the given assignment. */
function split(events: readonly RecordedEvent[], k: number, assign: readonly number[]): RecordedEvent[][] {
  const parts: RecordedEvent[][] = Array.from({ length: k }, () => []);
  events.forEach((e, i) => parts[assign[i]! % k]!.push(e));
  return parts;
}

const scenario = fc.record({
  events: fc.array(eventArb(ENDPOINTS, SECONDS), { minLength: 1, maxLength: 400 }),
  k: fc.integer({ min: 2, max: 5 }),
  assign: fc.array(fc.nat(), { minLength: 400, maxLength: 400 }),
});

describe('mergeOutcomes: K workers add up to one recorder', () => {
  it('histograms, percentiles, counters, error classes and status codes equal one recorder seeing everything', () => {
    fc.assert(
      fc.property(scenario, ({ events, k, assign }) => {
        const whole = outcomeOf(events, ENDPOINTS, SECONDS);
        const merged = mergeOutcomes(split(events, k, assign).map((part) => outcomeOf(part, ENDPOINTS, SECONDS)));
        expect(merged.summary).toEqual(whole.summary);
        for (const key of ['latency', 'service_time', 'errors'] as const) {
          expect(merged.histograms[key]).toBe(whole.histograms[key]); // byte-identical encoding
        }
        merged.endpoints.forEach((ep, i) => {
          expect(ep.summary).toEqual(whole.endpoints[i]!.summary);
          expect(ep.histograms).toEqual(whole.endpoints[i]!.histograms);
        });
      }),
      { numRuns: 25 },
    );
  });

  it('per-second rows: same t summed, histograms added, gaps filled', () => {
    fc.assert(
      fc.property(scenario, ({ events, k, assign }) => {
        const whole = record(events, ENDPOINTS, SECONDS);
        const merged = mergeOutcomes(split(events, k, assign).map((part) => outcomeOf(part, ENDPOINTS, SECONDS)));
        const strip = (r: TimelineRow) => ({ ...r, status_codes: Object.entries(r.status_codes).sort() });
        expect(merged.timeline.map(strip)).toEqual(whole.timeline.map(strip));
      }),
      { numRuns: 15 },
    );
  });

  it('exact on a hand-made case: p99 of the merge is the p99 of all values, not an average of p99s', () => {
    const fast: RecordedEvent[] = Array.from({ length: 99 }, (_, i) => ({
      endpoint: 0,
      atMs: i,
      latencyMs: 10,
      serviceMs: 10,
      status: 200,
      errorClass: null,
      bytes: 1,
      dropped: false,
    }));
    const slow: RecordedEvent[] = Array.from({ length: 3 }, (_, i) => ({
      endpoint: 0,
      atMs: i,
      latencyMs: 1000,
      serviceMs: 5,
      status: 0,
      errorClass: 'timeout',
      bytes: 0,
      dropped: false,
    }));
    const merged = mergeOutcomes([outcomeOf(fast, 1, 1, {}, 50), outcomeOf(slow, 1, 1, {}, 50)]);
    expect(merged.summary.requests).toBe(102);
    expect(merged.summary.latency_ms.p95).toBeCloseTo(10, 1);
    expect(merged.summary.latency_ms.p99).toBeCloseTo(1000, 0);
    expect(merged.summary.errors_by_class.timeout).toBe(3);
    expect(merged.summary.error_latency_ms?.p50).toBeCloseTo(1000, 0);
    expect(merged.summary.target_rps).toBe(100);
    expect(merged.summary.rps).toBe(102);
  });

  it('run facts: earliest start, longest duration, partial and stop reason of any, edge statistics added', () => {
    const a = new EdgeRecorder();
    const b = new EdgeRecorder();
    a.observe('/', 200, { 'x-cache': 'HIT', 'cache-control': 'public, max-age=60' }, 100);
    b.observe('/', 200, { 'x-cache': 'MISS', 'cache-control': 'public, max-age=60' }, 100);
    b.observe('/', 200, { 'x-cache': 'MISS' }, 100);
    const e: RecordedEvent[] = [
      { endpoint: 0, atMs: 5, latencyMs: 1, serviceMs: 1, status: 200, errorClass: null, bytes: 1, dropped: false },
    ];
    const merged = mergeOutcomes([
      outcomeOf(e, 1, 2, { startEpochMs: 1000, edge: a.evidence() }),
      outcomeOf(e, 1, 1.5, { startEpochMs: 999, partial: true, stopReason: 'interrupted', edge: b.evidence() }),
    ]);
    expect(merged.startEpochMs).toBe(999);
    expect(merged.durationS).toBe(2);
    expect(merged.partial).toBe(true);
    expect(merged.stopReason).toBe('interrupted');
    expect(merged.edge?.responses).toBe(3);
    expect(merged.edge?.hits).toBe(1);
    expect(merged.edge?.offload_ratio).toBeCloseTo(1 / 3, 6);
  });
});

describe('generator health of several parts', () => {
  it('takes the worst figure and names every lagging part', () => {
    const merged = mergeGeneratorHealth(
      [
        healthyGenerator(),
        healthyGenerator({
          cpu_ratio: 0.97,
          lagged: true,
          reason: 'the generator used 97% of a core',
          schedule_lag_ms: { p50: 1, p99: 30, max: 80 },
        }),
        healthyGenerator({ event_loop_delay_ms: { p50: 2, p99: 9, max: 40 } }),
      ],
      (i) => `worker ${i + 1}`,
    );
    expect(merged.lagged).toBe(true);
    expect(merged.reason).toBe('worker 2: the generator used 97% of a core');
    expect(merged.cpu_ratio).toBe(0.97);
    expect(merged.schedule_lag_ms).toEqual({ p50: 1, p99: 30, max: 80 });
    expect(merged.event_loop_delay_ms).toEqual({ p50: 2, p99: 9, max: 40 });
  });
});

describe('LiveSeconds: live rows for onSecond', () => {
  const row = (t: number, requests: number, events: RecordedEvent[] = []): TimelineRow => ({
    ...record(
      events.length
        ? events
        : [
            {
              endpoint: 0,
              atMs: 1,
              latencyMs: 5,
              serviceMs: 5,
              status: 200,
              errorClass: null,
              bytes: 0,
              dropped: false,
            },
          ],
      1,
      1,
    ).timeline[0]!,
    t,
    requests,
    rps: requests,
  });

  it('emits a second once every running worker passed it, in order, summed', () => {
    const out: TimelineRow[] = [];
    const live = new LiveSeconds(2, (r) => out.push(r));
    live.add(0, row(0, 10));
    expect(out).toEqual([]);
    live.add(0, row(1, 11));
    live.add(1, row(0, 20));
    expect(out.map((r) => [r.t, r.requests])).toEqual([[0, 30]]);
    live.add(1, row(2, 22)); // worker 2 skipped second 1
    expect(out.map((r) => [r.t, r.requests])).toEqual([
      [0, 30],
      [1, 11],
    ]);
    live.finish(0);
    expect(out.map((r) => [r.t, r.requests])).toEqual([
      [0, 30],
      [1, 11],
      [2, 22],
    ]);
    expect(live.lastRow?.t).toBe(2);
  });
});
