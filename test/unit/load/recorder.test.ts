import { describe, expect, it } from 'vitest';
import { Recorder } from '../../../src/load/recorder.js';
import { decodeHistogram } from '../../../src/load/histogram.js';

describe('Recorder', () => {
  it('keeps overall, per-endpoint and per-second series apart', () => {
    const r = new Recorder(2, 1000);
    r.record(0, 1100, 10, 5, 200, null, 100);
    r.record(1, 1200, 30, 30, 503, 'http', 10);
    r.record(0, 2500, 20, 20, 0, 'timeout', 0);
    r.drop(1, 2600);
    const snap = r.snapshot(2);
    expect(snap.summary.requests).toBe(3);
    expect(snap.summary.errors).toBe(2);
    expect(snap.summary.errors_by_class).toMatchObject({ http: 1, timeout: 1, reset: 0 });
    expect(snap.summary.status_codes).toEqual({ '200': 1, '503': 1 });
    expect(snap.summary.dropped).toBe(1);
    expect(snap.summary.rps).toBe(1.5);
    expect(snap.endpoints[0]!.summary.requests).toBe(2);
    expect(snap.endpoints[1]!.summary.dropped).toBe(1);
    expect(snap.timeline.map((row) => [row.t, row.requests, row.errors, row.dropped])).toEqual([
      [0, 2, 1, 0],
      [1, 1, 1, 1],
    ]);
    expect(decodeHistogram(snap.timeline[0]!.histogram).totalCount).toBe(2);
    expect(snap.summary.latency_ms.max).toBeCloseTo(30, 1);
    expect(snap.summary.service_time_ms.p50).toBeCloseTo(20, 1);
  });

  it('gives a second with no completion a zero row', () => {
    const r = new Recorder(1, 0);
    r.record(0, 100, 1, 1, 200, null, 0);
    r.record(0, 3100, 1, 1, 200, null, 0);
    expect(r.snapshot(4).timeline.map((row) => row.rps)).toEqual([1, 0, 0, 1]);
  });
});
