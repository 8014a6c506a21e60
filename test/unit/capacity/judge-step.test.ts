import { describe, expect, it } from 'vitest';
import { buildRunResult } from '../../support/result-builder.js';
import { capacitySlo, judgeStep, queueGrowthLimit } from '../../../src/capacity/judge-step.js';
import type { SloConfig } from '../../../src/config/schema.js';
import type { RunResult } from '../../../src/result/run-result.js';

const SLO: SloConfig = capacitySlo({ endpoints: {} });
const WINDOW = { rate: 50, settleS: 2, holdS: 6 };

/** A step at `rate` req/s asked whose target completed `rps`, with a median latency. */
function step(rps: number, median_ms: number, extra: Partial<RunResult> = {}, seed = 1): RunResult {
  const result = buildRunResult({ seed, seconds: 8, rps, median_ms, sigma: 0.2, jitter: 0.02 });
  return { ...result, plan: { ...result.plan, rate: WINDOW.rate }, ...extra };
}

describe('capacitySlo', () => {
  it('defaults to p95 ≤ 300 ms and errors ≤ 1 % when the config sets no SLO', () => {
    expect(SLO).toMatchObject({ p95: 300, error_rate: 0.01 });
  });
  it("keeps the config's own SLO", () => {
    expect(capacitySlo({ p99: 500, endpoints: {} })).toEqual({ p99: 500, endpoints: {} });
  });
});

describe('judgeStep', () => {
  it('passes a step that met the SLO at the asked rate, with its steady-part figures', () => {
    const j = judgeStep(step(50, 40), WINDOW, SLO);
    expect(j.verdict).toBe('pass');
    expect(j.figures.achieved_rps).toBe(50);
    expect(j.figures.requests).toBe(300);
    expect(j.figures.p95_ms).toBeGreaterThan(40);
    expect(j.figures.p95_ms).toBeLessThan(80);
  });

  it('fails a step whose p95 broke the SLO', () => {
    const j = judgeStep(step(50, 400), WINDOW, SLO);
    expect(j.verdict).toBe('fail');
    expect(j.reason).toMatch(/^p95 \d+ ms > 300 ms/);
  });

  it('fails a step whose target completed less than 97 % of the rate (a backlog)', () => {
    const j = judgeStep(step(47, 40), WINDOW, SLO);
    expect(j.verdict).toBe('fail');
    expect(j.reason).toMatch(/achieved 47 of 50 req\/s \(94% < 97%\)/);
  });

  it('judges only the steady part: a slow settle does not fail the step', () => {
    const result = step(50, 40);
    const slow = buildRunResult({ seed: 2, seconds: 2, rps: 50, median_ms: 2000, sigma: 0.1 });
    const timeline = [...slow.timeline, ...result.timeline.slice(2)];
    expect(judgeStep({ ...result, timeline }, WINDOW, SLO).verdict).toBe('pass');
    expect(judgeStep({ ...result, timeline }, { ...WINDOW, settleS: 0, holdS: 8 }, SLO).verdict).toBe('fail');
  });

  it('fails a step whose queues grew faster than the consumers keep up', () => {
    const j = judgeStep(step(50, 40, { evidence: { queues: { names: ['q'], slope_per_s: 9.5 } } }), WINDOW, SLO);
    expect(j.verdict).toBe('fail');
    expect(j.reason).toMatch(/queues grew 9.5 msg\/s/);
    const flat = step(50, 40, { evidence: { queues: { names: ['q'], slope_per_s: queueGrowthLimit(50) * 0.9 } } });
    expect(judgeStep(flat, WINDOW, SLO).verdict).toBe('pass');
  });

  it('fails a per-endpoint SLO', () => {
    const slo = { ...SLO, endpoints: { home: { p50: 10 } } };
    expect(judgeStep(step(50, 40), WINDOW, slo).reason).toMatch(/^home p50 [\d.]+ ms > 10 ms/);
    expect(judgeStep(step(50, 40), WINDOW, { ...SLO, endpoints: { nope: { p50: 10 } } }).reason).toMatch(/nope/);
  });

  it('a failed step the generator could not drive is inconclusive; a lagging generator cannot fail a pass', () => {
    const lagged = {
      event_loop_delay_ms: { p50: 1, p99: 400, max: 900 },
      schedule_lag_ms: { p50: 5, p99: 400, max: 900 },
      cpu_ratio: 0.99,
      lagged: true,
      reason: 'the generator used 99% of a core',
    };
    const failed = judgeStep(step(50, 400, { generator: lagged }), WINDOW, SLO);
    expect(failed.verdict).toBe('inconclusive');
    expect(failed.reason).toMatch(/generator could not drive it/);
    expect(judgeStep(step(50, 40, { generator: lagged }), WINDOW, SLO).verdict).toBe('pass');
    const slight = { ...lagged, cpu_ratio: 0.5, schedule_lag_ms: { p50: 1, p99: 25, max: 40 } };
    expect(judgeStep(step(50, 400, { generator: slight }), WINDOW, SLO).verdict).toBe('fail');
  });

  it('a failed step whose requests queued in the generator, or that reached max_in_flight, is inconclusive', () => {
    const calm = {
      event_loop_delay_ms: { p50: 1, p99: 12, max: 20 },
      schedule_lag_ms: { p50: 1, p99: 2, max: 5 },
      cpu_ratio: 0.3,
      lagged: true,
      reason: 'requests waited up to 250 ms (p99) for a socket: raise load.max_in_flight',
    };
    const queued = { ...calm, queue_ms: { p50: 40, p99: 250, max: 400 } };
    expect(judgeStep(step(50, 400, { generator: queued }), WINDOW, SLO).verdict).toBe('inconclusive');
    const limited = { ...calm, queue_ms: { p50: 1, p99: 2, max: 5 }, limited_by: 'max_in_flight' as const };
    expect(judgeStep(step(50, 400, { generator: limited }), WINDOW, SLO).verdict).toBe('inconclusive');
    const unlimited = { ...calm, queue_ms: { p50: 1, p99: 2, max: 5 } };
    expect(judgeStep(step(50, 400, { generator: unlimited }), WINDOW, SLO).verdict).toBe('fail');
  });

  it('an interrupted step is neither a pass nor a fail; an aborted one fails', () => {
    expect(judgeStep(step(50, 40, { partial: true, stop_reason: 'interrupted' }), WINDOW, SLO).verdict).toBe(
      'interrupted',
    );
    const aborted = step(50, 40, { partial: true, stop_reason: 'aborted: error rate above 50.0%' });
    expect(judgeStep(aborted, WINDOW, SLO)).toMatchObject({
      verdict: 'fail',
      reason: expect.stringMatching(/aborted/),
    });
  });
});
