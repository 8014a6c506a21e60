import { expect } from 'vitest';
import { makeDrill, makeEdgeEvidence } from '../../support/fixtures.js';
import { describeRules, healthyEvidence } from './rule-cases.js';

const base = healthyEvidence();
const tracing = (t: { traceparent: number; request_id: number; server_timing: number; any?: number }) => ({
  ...base,
  edge: makeEdgeEvidence({ tracing: t }),
});
const drill = (overrides: Parameters<typeof makeDrill>[0]) => ({ ...base, drill: makeDrill(overrides) });

describeRules('observability', { 'obs.tracing': ['pass', 'warn', 'not-measured'] }, [
  {
    rule: 'obs.tracing',
    status: 'pass',
    name: 'traceparent on every response',
    evidence: base,
    expect: (f) => expect(f.message).toMatch(/traceparent, X-Request-ID on 100%/),
  },
  {
    rule: 'obs.tracing',
    status: 'warn',
    name: 'none',
    evidence: tracing({ traceparent: 0, request_id: 0, server_timing: 0, any: 0 }),
  },
  {
    rule: 'obs.tracing',
    status: 'warn',
    name: 'on half the responses',
    evidence: tracing({ traceparent: 0, request_id: 250, server_timing: 0, any: 250 }),
    expect: (f) => expect(f.value).toBeCloseTo(0.5, 5),
  },
  { rule: 'obs.tracing', status: 'not-measured', name: 'no headers', evidence: { ...base, edge: undefined } },
]);

describeRules(
  'resilience',
  {
    'drill.recovery': ['pass', 'warn', 'fail', 'not-measured'],
    'drill.degradation': ['pass', 'warn', 'fail', 'not-measured'],
  },
  [
    { rule: 'drill.recovery', status: 'pass', name: '6 s', evidence: base },
    { rule: 'drill.recovery', status: 'warn', name: '20 s: over half the budget', evidence: drill({ recovery_s: 20 }) },
    {
      rule: 'drill.recovery',
      status: 'fail',
      name: '45 s',
      evidence: drill({ recovery_s: 45 }),
      expect: (f) => expect(f.message).toMatch(/45 s > 30 s/),
    },
    { rule: 'drill.recovery', status: 'fail', name: 'never recovered', evidence: drill({ recovery_s: null }) },
    {
      rule: 'drill.recovery',
      status: 'warn',
      name: 'budgets.recovery: 60s',
      evidence: drill({ recovery_s: 45 }),
      config: { budgets: { recovery: '60s' } },
      expect: (f) => expect(f.threshold).toBe(60),
    },
    { rule: 'drill.recovery', status: 'not-measured', name: 'no drill', evidence: { ...base, drill: undefined } },

    { rule: 'drill.degradation', status: 'pass', name: 'shed with 503', evidence: base },
    {
      rule: 'drill.degradation',
      status: 'warn',
      name: 'within budget but timing out',
      evidence: drill({
        degradation: { p95_ms: 900, error_rate: 0.03, by_class: { timeout: 12, '502': 2, '503': 4 }, seconds: 8 },
      }),
      expect: (f) => expect(f.message).toMatch(/\(4 shed with 429\/503, 14 failed hard: 12 timeout, 2 HTTP 502\)/),
    },
    {
      rule: 'drill.degradation',
      status: 'fail',
      name: '20% errors',
      evidence: drill({ degradation: { p95_ms: 900, error_rate: 0.2, by_class: { '500': 90 }, seconds: 8 } }),
    },
    {
      rule: 'drill.degradation',
      status: 'pass',
      name: 'budgets.drill_error_rate: 30%',
      evidence: drill({ degradation: { p95_ms: 900, error_rate: 0.2, by_class: { '429': 90 }, seconds: 8 } }),
      config: { budgets: { drill_error_rate: '30%' } },
    },
    { rule: 'drill.degradation', status: 'not-measured', name: 'no drill', evidence: { ...base, drill: undefined } },
  ],
);
