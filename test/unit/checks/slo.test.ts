import { expect } from 'vitest';
import { buildEvidence } from '../../../src/audit/build-evidence.js';
import { makeRunResult, type FixtureEndpoint } from '../../support/fixtures.js';
import { describeRules, healthyEvidence } from './rule-cases.js';

const fast = (name: string, rps: number, ms: number, extra: Partial<FixtureEndpoint> = {}): FixtureEndpoint => ({
  name,
  path: `/${name}`,
  rps,
  latency: (_t, i) => ms + (i % 5),
  ...extra,
});
const run = (...endpoints: FixtureEndpoint[]) => buildEvidence(makeRunResult({ endpoints }));
const slowThenFast = buildEvidence(
  makeRunResult({
    duration_s: 10,
    endpoints: [fast('home', 20, 0, { latency: (t, i) => (t < 5 ? 900 : 40) + (i % 5) })],
  }),
  { over_ms: 5000 },
);
const slowThenFastWholeRun = buildEvidence(
  makeRunResult({
    duration_s: 10,
    endpoints: [fast('home', 20, 0, { latency: (t, i) => (t < 5 ? 900 : 40) + (i % 5) })],
  }),
);
const limitedGenerator = {
  lagged: true,
  reason: 'requests waited up to 812 ms (p99) for a socket: raise load.max_in_flight',
  limited_by: 'max_in_flight' as const,
};
const every = (n: number) => (_t: number, i: number) => (i % n === 0 ? { class: 'timeout' as const } : null);

describeRules(
  'slo',
  {
    'slo.latency': ['pass', 'warn', 'fail', 'not-measured'],
    'slo.errors': ['pass', 'warn', 'fail', 'not-measured'],
    'slo.throughput': ['pass', 'warn', 'fail', 'not-measured'],
  },
  [
    {
      rule: 'slo.latency',
      status: 'pass',
      name: 'p95 under the default 300 ms',
      evidence: healthyEvidence(),
      expect: (f) => {
        expect(f.threshold).toBe(300);
        expect(f.value as number).toBeLessThan(300);
        expect(f.message).toMatch(/whole run/);
      },
    },
    {
      rule: 'slo.latency',
      status: 'fail',
      name: 'p95 over 300 ms names the slowest endpoint',
      evidence: run(fast('home', 20, 420), fast('search', 20, 700)),
      expect: (f) => {
        expect(f.value as number).toBeGreaterThan(600);
        expect(f.message).toMatch(/search p95 \d+ ms > 300 ms/);
        expect(f.remedy).toMatch(/search/);
      },
    },
    {
      rule: 'slo.latency',
      status: 'warn',
      name: 'overall fine, one endpoint over its own slo.endpoints override',
      evidence: run(fast('home', 40, 40), fast('checkout', 5, 150)),
      config: { slo: { endpoints: { checkout: { p95: '100ms' } } } },
      expect: (f) => {
        expect(f.message).toMatch(/checkout p95 1\d\d ms > 100 ms/);
        expect(f.details?.endpoints).toEqual(['checkout']);
      },
    },
    {
      rule: 'slo.latency',
      status: 'fail',
      name: 'slo.p95 from the config replaces the default',
      evidence: run(fast('home', 20, 120)),
      config: { slo: { p95: '100ms' } },
      expect: (f) => expect(f.threshold).toBe(100),
    },
    {
      rule: 'slo.latency',
      status: 'fail',
      name: 'p99 over slo.p99 although p95 is fine',
      evidence: run(fast('home', 100, 20, { latency: (_t, i) => (i < 3 ? 2000 : 20) })),
      config: { slo: { p99: '800ms' } },
      expect: (f) => expect(f.message).toMatch(/^p99 20\d\d ms > 800 ms/),
    },
    {
      rule: 'slo.latency',
      status: 'pass',
      name: 'the trailing window (slo.over) forgets a slow start',
      evidence: slowThenFast,
      config: { slo: { over: 'last 5s' } },
      expect: (f) => {
        expect(f.message).toMatch(/last 5 s/);
        expect(f.value as number).toBeLessThan(50);
      },
    },
    { rule: 'slo.latency', status: 'fail', name: 'the same run judged whole fails', evidence: slowThenFastWholeRun },
    { rule: 'slo.latency', status: 'not-measured', name: 'no completed request', evidence: run(fast('home', 0, 10)) },

    {
      rule: 'slo.errors',
      status: 'pass',
      name: 'no errors',
      evidence: healthyEvidence(),
      expect: (f) => expect(f.value).toBe(0),
    },
    {
      rule: 'slo.errors',
      status: 'fail',
      name: '5% timeouts: remedy is shedding load',
      evidence: run(fast('home', 40, 20, { error: every(20) })),
      expect: (f) => {
        expect(f.value).toBeCloseTo(0.05, 5);
        expect(f.message).toMatch(/mostly timeout/);
        expect(f.remedy).toMatch(/429\/503/);
      },
    },
    {
      rule: 'slo.errors',
      status: 'warn',
      name: 'overall under 1%, one endpoint over it',
      evidence: run(
        fast('home', 100, 20),
        fast('upload', 4, 20, { error: (t, i) => (i === 0 && t < 2 ? { class: 'http', status: 500 } : null) }),
      ),
      expect: (f) => {
        expect(f.value as number).toBeLessThan(0.01);
        expect(f.message).toMatch(/upload 5%/);
        expect(f.remedy).toMatch(/server errors on upload/);
      },
    },
    { rule: 'slo.errors', status: 'not-measured', name: 'no completed request', evidence: run(fast('home', 0, 10)) },

    {
      rule: 'slo.throughput',
      status: 'pass',
      name: 'achieved the target rate',
      evidence: healthyEvidence(),
      expect: (f) => expect(f.value).toBeCloseTo(1, 5),
    },
    {
      rule: 'slo.throughput',
      status: 'fail',
      name: 'half the target rate',
      evidence: buildEvidence(makeRunResult({ rate: 100 })),
      expect: (f) => {
        expect(f.value).toBeCloseTo(0.5, 5);
        expect(f.message).toMatch(/50 successful of 100 req\/s/);
      },
    },
    {
      rule: 'slo.throughput',
      status: 'fail',
      name: 'every request answered, 45 % of them timeouts, while the generator lagged: failures are not throughput',
      evidence: buildEvidence(
        makeRunResult({
          generator: { lagged: true, reason: 'late' },
          endpoints: [
            {
              name: 'slow',
              path: '/slow',
              weight: 1,
              rps: 20,
              latency: () => 2000,
              error: (_t, i) => (i % 20 < 9 ? { class: 'timeout' } : null),
            },
          ],
        }),
      ),
      expect: (f) => {
        expect(f.value).toBeCloseTo(0.55, 5);
        expect(f.message).toMatch(
          /^11 successful of 20 req\/s \(55(\.0)?%\) over the whole run; 45(\.0)?% of responses failed/,
        );
      },
    },
    {
      rule: 'slo.throughput',
      status: 'warn',
      name: 'rate kept but requests dropped at max_in_flight',
      evidence: buildEvidence(makeRunResult({ dropped_per_s: 1 })),
      expect: (f) => expect(f.message).toMatch(/10 requests were dropped/),
    },
    {
      rule: 'slo.throughput',
      status: 'not-measured',
      name: 'short of the target while the generator lagged: inconclusive',
      evidence: buildEvidence(
        makeRunResult({ rate: 100, generator: { lagged: true, reason: 'the generator used 99% of a core' } }),
      ),
      expect: (f) => {
        expect(f.message).toMatch(/^inconclusive/);
        expect(f.message).toMatch(/99% of a core/);
        expect(f.remedy).toMatch(/--workers/);
      },
    },
    {
      rule: 'slo.throughput',
      status: 'not-measured',
      name: 'short of the target because max_in_flight was reached: the generator was the limit',
      evidence: buildEvidence(makeRunResult({ rate: 100, generator: limitedGenerator })),
      expect: (f) => {
        expect(f.message).toMatch(/^inconclusive: .*the generator was the limit, not the target/);
        expect(f.message).toMatch(/raise load\.max_in_flight/);
        expect(f.remedy).toMatch(/max_in_flight/);
      },
    },
    {
      rule: 'slo.latency',
      status: 'not-measured',
      name: 'over the SLO while requests waited for a socket: the generator was the limit',
      evidence: buildEvidence(makeRunResult({ endpoints: [fast('home', 20, 700)], generator: limitedGenerator })),
      expect: (f) => {
        expect(f.message).toMatch(/^inconclusive: p95 \d+ ms > 300 ms/);
        expect(f.message).toMatch(/the generator was the limit, not the target: requests waited/);
      },
    },
    {
      rule: 'slo.errors',
      status: 'fail',
      name: 'failures while the generator was the limit say so',
      evidence: buildEvidence(
        makeRunResult({ endpoints: [fast('home', 20, 40, { error: every(5) })], generator: limitedGenerator }),
      ),
      expect: (f) => expect(f.message).toMatch(/the generator was the limit, not the target/),
    },
    {
      rule: 'slo.throughput',
      status: 'pass',
      name: 'target reached although the generator lagged: conclusive',
      evidence: buildEvidence(makeRunResult({ generator: { lagged: true, reason: 'late' } })),
    },
    {
      rule: 'slo.throughput',
      status: 'not-measured',
      name: 'closed model has no target',
      evidence: buildEvidence(makeRunResult({ model: 'closed' })),
      expect: (f) => expect(f.message).toMatch(/closed model/),
    },
  ],
);
