import { describe, expect, it } from 'vitest';
import { capacityStep, stepEvidence, summarizeCapacity } from '../../../src/capacity/summarize.js';
import { SLO, executed, searchOutcome } from './capacity-fixture.js';

const search = {
  start: 40,
  ceiling: 5000,
  ceiling_by: 'max' as const,
  precision: 0.2,
  step_s: 4,
  settle_s: 1,
  cooldown_s: 1,
  confirm_s: 8,
};

describe('summarizeCapacity', () => {
  it('gives the answer, the knee, Little’s law at the answer and the limiting signal', () => {
    const outcome = searchOutcome(65);
    const c = summarizeCapacity({
      steps: outcome.executed.map(capacityStep),
      answer: outcome.answer,
      slo: SLO,
      search,
    });
    expect(c.status).toBe('found');
    expect(c.steps.map((s) => `${s.rate}${s.confirmation ? '!' : ''}:${s.verdict}`)).toEqual([
      '40:pass',
      '80:fail',
      '60:pass',
      '70:fail',
      '60!:pass',
    ]);
    expect(c).toMatchObject({ max_rate: 60, bracket: [60, 70], confirmed: true, slo: { p95: 300, error_rate: 0.01 } });
    // 60 req/s × ~100 ms in service: six requests at once.
    expect(c.concurrency_at_knee!).toBeGreaterThan(5.5);
    expect(c.concurrency_at_knee!).toBeLessThan(6.6);
    expect(c.limited_by[0]!.signal).toBe('pgbouncer.cl_waiting');
  });

  it('an interrupted search keeps its steps and what they bracket so far', () => {
    const steps = [executed(40, 65), executed(80, 65)].map(capacityStep);
    const c = summarizeCapacity({ steps, answer: undefined, slo: SLO, search });
    expect(c).toMatchObject({ status: 'interrupted', max_rate: null, bracket: [40, 80], confirmed: false });
  });

  it('records the gate minimum', () => {
    const outcome = searchOutcome(65);
    const steps = outcome.executed.map(capacityStep);
    expect(summarizeCapacity({ steps, answer: outcome.answer, slo: SLO, search, minRate: 50 }).min_rate).toBe(50);
  });
});

describe('capacityStep', () => {
  it('keeps the figures, the verdict, the signals and a trimmed evidence', () => {
    const s = capacityStep(executed(80, 65));
    expect(s).toMatchObject({ rate: 80, passed: false, verdict: 'fail', settle_s: 1, hold_s: 4 });
    expect(s.achieved_rps).toBe(65);
    expect(s.signals['pgbouncer.cl_waiting']).toBe(15);
    expect(s.reason).toMatch(/p95 .* > 300 ms/);
  });

  it('stepEvidence drops the per-statement and per-table lists', () => {
    const e = stepEvidence({
      db: { queries_per_request: 2, statements: [], tables: [], per_endpoint: {} },
      edge: { responses: 1 } as never,
    });
    expect(e).toEqual({ db: { queries_per_request: 2 } });
  });
});
