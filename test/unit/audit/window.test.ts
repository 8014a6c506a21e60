import { describe, expect, it } from 'vitest';
import { judgedFigures, scheduledRate, wholeRunFigures } from '../../../src/audit/window.js';
import { makeRunResult } from '../../support/fixtures.js';

describe('judged figures', () => {
  const run = makeRunResult({
    duration_s: 10,
    endpoints: [
      {
        name: 'home',
        path: '/',
        rps: 10,
        latency: (t, i) => (t < 7 ? 500 : 20) + i,
        error: (t, i) => (t >= 8 && i === 0 ? { class: 'reset' } : null),
      },
    ],
  });

  it('the whole run is the run summary', () => {
    const j = wholeRunFigures(run);
    expect(j).toMatchObject({ scope: 'run', seconds: 10, requests: 100, errors: 2, target_rps: 10 });
    expect(j.latency_ms).toEqual(run.summary.latency_ms);
  });

  it('a trailing window merges only its seconds', () => {
    const j = judgedFigures(run, 3000);
    expect(j).toMatchObject({
      scope: 'window',
      seconds: 3,
      from_t: 7,
      requests: 30,
      errors: 2,
      rps: 10,
      target_rps: 10,
    });
    expect(j.error_rate).toBeCloseTo(2 / 30, 9);
    expect(j.latency_ms.max).toBeGreaterThanOrEqual(29);
    expect(j.latency_ms.max).toBeLessThan(30);
    expect(j.latency_ms.p50).toBeGreaterThanOrEqual(24);
    expect(j.latency_ms.p50).toBeLessThan(25);
  });

  it('a window as long as the run is the whole run', () => {
    expect(judgedFigures(run, 60_000).scope).toBe('run');
  });
});

describe('scheduledRate', () => {
  const plan = makeRunResult({
    stages: [
      { duration_s: 10, rate: 100 },
      { duration_s: 10, rate: 100 },
    ],
  }).plan;

  it('follows the linear ramp of the stages (k6 ramping-arrival-rate)', () => {
    expect(scheduledRate(plan, 0, 0, 10)).toBeCloseTo(50, 9);
    expect(scheduledRate(plan, 0, 5, 10)).toBeCloseTo(75, 9);
    expect(scheduledRate(plan, 0, 10, 20)).toBeCloseTo(100, 9);
    expect(scheduledRate(plan, 20, 0, 10)).toBeCloseTo(60, 9);
  });

  it('asks for nothing past the end of the schedule, and nothing in the closed model', () => {
    expect(scheduledRate(plan, 0, 18, 22)).toBeCloseTo(50, 9);
    expect(scheduledRate(makeRunResult({ model: 'closed' }).plan, 0, 0, 10)).toBeUndefined();
  });
});
