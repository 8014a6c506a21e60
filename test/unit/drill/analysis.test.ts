import { describe, expect, it } from 'vitest';
import { analyzeDrill } from '../../../src/drill/analysis.js';
import { fault, recover, second, seconds, source } from './timeline-fixture.js';

const opts = { slo: {}, consecutive: 3 };

describe('analyzeDrill: baseline, spike, recovery', () => {
  // Healthy at p95 10 ms; fault at 10.3 s: a third of requests reset, p95 200 ms, for 5 seconds; healthy again.
  const timeline = [
    ...seconds(0, 10, { p95: 10 }),
    ...seconds(10, 15, { p95: 200, errors: 30 }),
    ...seconds(15, 25, { p95: 11 }),
  ];
  const drill = analyzeDrill(timeline, [fault(10.3), recover(14)], opts);

  it('takes the baseline before the fault and the peaks during it', () => {
    expect(drill.baseline).toEqual({ p95_ms: 10, error_rate: 0 });
    expect(drill.degradation).toEqual({ p95_ms: 200, error_rate: 0.3, by_class: { reset: 150 }, seconds: 5 });
  });

  it('recovers at the first second of the healthy run, counted from the fault', () => {
    expect(drill.recovery_s).toBe(4.7);
    expect(drill.thresholds).toEqual({
      p95_ms: 60,
      error_rate: 0.01,
      from: { p95: 'baseline', error_rate: 'baseline' },
      consecutive: 3,
    });
  });

  it('writes a runbook line', () => {
    expect(drill.summary).toBe(
      'at 10 s: kill worker 2 (exit 0); error rate peaked at 30% for 5 s, all resets; p95 peaked at 200 ms ' +
        '(baseline 10 ms); recovery command at 14 s; recovered in 4.7 s',
    );
  });

  it('keeps every action, faults and recoveries', () => {
    expect(drill.actions.map((a) => a.kind)).toEqual(['fault', 'recover']);
    expect(drill.faults?.[0]).toMatchObject({ name: 'kill worker 2', at_s: 10.3, recovery_s: 4.7, recover_at_s: 14 });
  });
});

describe('analyzeDrill: recovery edge cases', () => {
  it('never recovers: null, and says so', () => {
    const drill = analyzeDrill([...seconds(0, 5), ...seconds(5, 12, { errors: 50 })], [fault(5)], opts);
    expect(drill.recovery_s).toBeNull();
    expect(drill.degradation.seconds).toBe(7);
    expect(drill.summary).toContain('not recovered before the load ended');
  });

  it('a healthy run shorter than `consecutive` at the end of the load is not a recovery', () => {
    const drill = analyzeDrill(
      [...seconds(0, 5), ...seconds(5, 8, { errors: 50 }), ...seconds(8, 10)],
      [fault(5)],
      opts,
    );
    expect(drill.recovery_s).toBeNull();
  });

  it('flapping: healthy stretches shorter than `consecutive` do not count', () => {
    const bad = { errors: 20 };
    const timeline = [
      ...seconds(0, 5),
      ...seconds(5, 7, bad), // 5, 6 bad
      ...seconds(7, 9), // 7, 8 good (2 < 3)
      second(9, bad),
      ...seconds(10, 12), // 10, 11 good (2 < 3)
      second(12, bad),
      ...seconds(13, 20), // 13.. good for good
    ];
    expect(analyzeDrill(timeline, [fault(5)], opts).recovery_s).toBe(8);
    expect(analyzeDrill(timeline, [fault(5)], { ...opts, consecutive: 2 }).recovery_s).toBe(2);
    const flapping = analyzeDrill(timeline, [fault(5)], opts);
    // The window runs to the recovery: bad seconds 5, 6, 9, 12, and the short healthy runs between them.
    expect(flapping.degradation.seconds).toBe(4);
    expect(flapping.degradation.by_class).toEqual({ reset: 80 });
  });

  it('a degradation that starts late after the fault is still found', () => {
    const timeline = [...seconds(0, 10), ...seconds(10, 16), ...seconds(16, 18, { p95: 900 }), ...seconds(18, 25)];
    const drill = analyzeDrill(timeline, [fault(10)], opts);
    expect(drill.recovery_s).toBe(8);
    expect(drill.degradation.p95_ms).toBe(900);
    expect(drill.degradation.error_rate).toBe(0);
    expect(drill.summary).toContain('no errors; p95 peaked at 900 ms');
  });

  it('a second with no completed request is not healthy (the service stalled)', () => {
    const timeline = [...seconds(0, 5), ...seconds(5, 9, { requests: 0 }), ...seconds(9, 15)];
    expect(analyzeDrill(timeline, [fault(5)], opts).recovery_s).toBe(4);
  });

  it('no degradation: recovered in 0 s', () => {
    const drill = analyzeDrill(seconds(0, 20), [fault(5)], opts);
    expect(drill.recovery_s).toBe(0);
    expect(drill.degradation.error_rate).toBe(0);
    expect(drill.summary).toContain('no degradation');
  });

  it('judges by the SLO when one is set, by the baseline otherwise', () => {
    // p95 80 ms after the fault: over 2 × baseline + margin (60 ms) but within an SLO of 100 ms.
    const timeline = [...seconds(0, 5), ...seconds(5, 20, { p95: 80 })];
    expect(analyzeDrill(timeline, [fault(5)], opts).recovery_s).toBeNull();
    const slo = analyzeDrill(timeline, [fault(5)], { ...opts, slo: { p95: 100 } });
    expect(slo.recovery_s).toBe(0);
    expect(slo.thresholds?.from).toEqual({ p95: 'slo', error_rate: 'baseline' });
  });

  it('a noisy baseline raises the bar: error rate within 2 × baseline', () => {
    const timeline = [
      ...seconds(0, 10, { errors: 3 }),
      ...seconds(10, 13, { errors: 40 }),
      ...seconds(13, 20, { errors: 5 }),
    ];
    const drill = analyzeDrill(timeline, [fault(10)], opts);
    expect(drill.baseline.error_rate).toBe(0.03);
    expect(drill.recovery_s).toBe(3);
  });

  it('leaves the cold first second out of the baseline', () => {
    const drill = analyzeDrill(
      [second(0, { p95: 400 }), ...seconds(1, 5, { p95: 12 }), ...seconds(5, 10, { p95: 13 })],
      [fault(5)],
      opts,
    );
    expect(drill.baseline.p95_ms).toBe(12);
  });

  it('several faults: the slowest recovery and the union of their windows', () => {
    const timeline = [
      ...seconds(0, 5),
      ...seconds(5, 7, { errors: 10 }),
      ...seconds(7, 12),
      ...seconds(12, 16, { errors: 50, byClass: { timeout: 50 } }),
      ...seconds(16, 22),
    ];
    const drill = analyzeDrill(timeline, [fault(5, 'a'), fault(12, 'b')], opts);
    expect(drill.faults?.map((f) => f.recovery_s)).toEqual([2, 4]);
    expect(drill.recovery_s).toBe(4);
    expect(drill.degradation).toMatchObject({ error_rate: 0.5, seconds: 6, by_class: { reset: 20, timeout: 200 } });
    expect(drill.summary.split('\n')).toHaveLength(2);
  });

  it('a fault after the timeline ended is not measured', () => {
    const drill = analyzeDrill(seconds(0, 10), [fault(12, 'late', { exit_code: 1 })], opts);
    expect(drill.recovery_s).toBeNull();
    expect(drill.summary).toBe('at 12 s: late (FAILED: exit 1); after the load ended, not measured');
  });
});

describe('analyzeDrill: error classes', () => {
  it('separates shed (429/503) from other 5xx and transport errors', () => {
    const during = second(5, {
      requests: 100,
      errors: 40,
      byClass: { http: 30, timeout: 6, reset: 4 },
      status: { 200: 60, 503: 20, 502: 7, 500: 3 },
    });
    const drill = analyzeDrill([...seconds(0, 5), during, ...seconds(6, 10)], [fault(5)], opts);
    expect(drill.degradation.by_class).toEqual({ '503': 20, '502': 7, '500': 3, timeout: 6, reset: 4 });
    expect(drill.summary).toContain('50% 503s (shed), 18% 502s, 15% timeouts, others');
  });

  it('an endpoint that expects a 404 leaves the codes unable to explain the errors: "http"', () => {
    const during = second(5, { errors: 5, byClass: { http: 5 }, status: { 200: 80, 404: 15, 500: 5 } });
    const drill = analyzeDrill([...seconds(0, 5), during, ...seconds(6, 10)], [fault(5)], opts);
    expect(drill.degradation.by_class).toEqual({ http: 5 });
  });
});

describe('analyzeDrill: sources', () => {
  const timeline = seconds(0, 30);
  const lag = (t: number, v: number): [number, Record<string, number>] => [t, { replica_1_lag_s: v, replica_1_up: 1 }];

  it('replica lag back under budget, counted from the fault', () => {
    const pg = source('postgres', 'postgres', [
      lag(1, 0),
      lag(2, 0),
      lag(3, 0),
      lag(4, 0),
      lag(5.5, 0.5),
      lag(6.5, 1.5),
      lag(7.5, 2.5),
      lag(8.5, 3.5),
      lag(9.5, 0),
      lag(10.5, 0),
      lag(11.5, 0.1),
      lag(12.5, 0),
    ]);
    const drill = analyzeDrill(timeline, [fault(5.2, 'pause replay')], { ...opts, sources: { postgres: pg } });
    expect(drill.sources_recovery_s).toEqual({ 'postgres.replica_1_lag_s': 4.3 });
    expect(drill.sources?.[0]).toMatchObject({ kind: 'replica_lag', threshold: 1, peak: 3.5 });
    expect(drill.summary).toContain('postgres.replica_1_lag_s peaked at 3.5 s, back under 1 s in 4.3 s');
    const lenient = analyzeDrill(timeline, [fault(5.2)], {
      ...opts,
      sources: { postgres: pg },
      budgets: { replica_lag: 5000 },
    });
    expect(lenient.sources_recovery_s).toEqual({ 'postgres.replica_1_lag_s': 0 });
  });

  it('uses the primary’s view of a standby only when no replica is watched directly', () => {
    const primaryOnly = source('postgres', 'postgres', [
      [1, { standby_1_replay_lag_s: 0 }],
      [6, { standby_1_replay_lag_s: 3 }],
      [7, { standby_1_replay_lag_s: 0 }],
      [8, { standby_1_replay_lag_s: 0 }],
      [9, { standby_1_replay_lag_s: 0 }],
    ]);
    expect(
      analyzeDrill(timeline, [fault(5)], { ...opts, sources: { postgres: primaryOnly } }).sources_recovery_s,
    ).toEqual({ 'postgres.standby_1_replay_lag_s': 2 });
  });

  it('queue depth back to its depth before the fault; null when it never drains', () => {
    const depth = (t: number, v: number): [number, Record<string, number>] => [t, { depth: v, 'depth:celery': v }];
    const drains = source(
      'celery',
      'celery-redis',
      [
        depth(1, 2),
        depth(2, 3),
        depth(3, 1),
        depth(6, 40),
        depth(8, 90),
        depth(10, 30),
        depth(12, 3),
        depth(13, 2),
        depth(14, 0),
      ],
      { depth_start: 0 },
    );
    const stuck = source('rabbit', 'rabbitmq', [depth(1, 0), depth(6, 40), depth(8, 90), depth(10, 30), depth(12, 20)]);
    const drill = analyzeDrill(timeline, [fault(5)], { ...opts, sources: { celery: drains, rabbit: stuck } });
    expect(drill.sources_recovery_s).toEqual({ 'celery.depth': 7, 'rabbit.depth': null });
    expect(drill.sources?.find((s) => s.key === 'celery.depth')).toMatchObject({ threshold: 3, peak: 90 });
    expect(drill.summary).toContain(
      'celery.depth peaked at 90, back to ≤ 3 in 7 s; rabbit.depth peaked at 90, not back to 0 at the end',
    );
  });
});
