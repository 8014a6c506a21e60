import { describe, expect, it } from 'vitest';
import { latencyAllowanceMs, rateAllowance } from '../../../src/compare/generator-allowance.js';
import { buildRunResult } from '../../support/result-builder.js';

const lagged = () => {
  const r = buildRunResult({ seed: 1, seconds: 5, rps: 40 });
  r.generator.lagged = true;
  r.generator.schedule_lag_ms = { p50: 2, p99: 14, max: 30 };
  r.generator.event_loop_delay_ms = { p50: 5, p99: 50, max: 80 };
  return r;
};

describe('latencyAllowanceMs', () => {
  it('is 0 for a generator that kept its schedule', () => {
    const r = lagged();
    r.generator.lagged = false;
    expect(latencyAllowanceMs(r, 'p99')).toBe(0);
  });

  it('is the larger of send lag and event-loop delay at the percentile (p95 by p99), plus the queue time', () => {
    const r = lagged();
    expect(latencyAllowanceMs(r, 'p50')).toBe(5);
    expect(latencyAllowanceMs(r, 'p95')).toBe(50);
    r.generator.schedule_lag_ms.p99 = 70;
    expect(latencyAllowanceMs(r, 'p99')).toBe(70);
    Object.assign(r.generator, { queue_ms: { p50: 1, p99: 9, max: 20 } });
    expect(latencyAllowanceMs(r, 'p99')).toBe(79);
  });

  it('uses the event-loop delay alone in the closed model, which has no schedule', () => {
    const r = lagged();
    r.generator.schedule_lag_ms.p99 = 70;
    r.plan.model = 'closed';
    expect(latencyAllowanceMs(r, 'p99')).toBe(50);
  });
});

describe('rateAllowance', () => {
  it('is what the open-model schedule asked for and the generator did not send', () => {
    const r = lagged();
    r.summary.target_rps = 50;
    r.summary.rps = 44;
    expect(rateAllowance(r)).toBe(6);
    r.plan.model = 'closed';
    expect(rateAllowance(r)).toBe(Infinity);
  });
});
