import { describe, expect, it } from 'vitest';
import type { Calibration } from '../../../src/calibrate/calibration.js';
import { planVerdict, renderCalibration } from '../../../src/calibrate/render.js';

const calibration = (over: Partial<Calibration>): Calibration => ({
  version: 1,
  workers: 2,
  floor: {
    model: 'open',
    rate: 500,
    duration_s: 2,
    requests: 1000,
    added_latency_ms: { p50: 0.4, p99: 2.5 },
    event_loop_delay_ms: { p50: 1, p99: 4, max: 9 },
    schedule_lag_ms: { p50: 0.2, p99: 1, max: 2 },
    lagged: false,
  },
  max_rate: 4000,
  ceiling_reached: false,
  steps: [
    { rate: 4000, achieved_rps: 4000, lagged: false, held: true },
    { rate: 8000, achieved_rps: 7100, lagged: true, held: false, reason: 'requests left up to 30 ms late' },
  ],
  planned_rate: 500,
  plan_fits: true,
  ...over,
});

describe('the calibration text', () => {
  it('prints the floor, each step and the rate held', () => {
    const text = renderCalibration(calibration({}));
    expect(text).toMatch(/added latency p50 0\.4 ?ms, p99 2\.5 ?ms; event-loop delay p99 4 ?ms \(max 9 ?ms\)/);
    expect(text).toMatch(/8,?000 req\/s {2}not held: requests left up to 30 ms late/);
    expect(text).toMatch(/→ 4,?000 req\/s/);
  });

  it('says whether the plan fits, and what to do when it does not', () => {
    expect(planVerdict(calibration({}))).toMatch(/^the plan's 500 req\/s fits/);
    expect(planVerdict(calibration({ planned_rate: 9000, plan_fits: false }))).toMatch(
      /asks for 9,?000 req\/s; this machine held 4,?000 req\/s with 2 worker\(s\) — add workers or machines/,
    );
    expect(planVerdict(calibration({ planned_rate: 9000, plan_fits: false, ceiling_reached: true }))).toMatch(
      /≥ 4,?000 req\/s \(the search stopped at --max\).*raise --max/,
    );
    expect(planVerdict(calibration({ planned_rate: null, plan_fits: null }))).toMatch(/^closed model: no planned rate/);
  });
});
