import { describe, expect, it } from 'vitest';
import { evaluateGates, exitCodeFor } from '../../../src/audit/gates.js';
import { validateConfig } from '../../../src/config/load.js';
import type { ConfigInput } from '../../../src/config/schema.js';
import type { Finding, FindingStatus, Gate } from '../../../src/result/run-result.js';
import {
  makeDbEvidence,
  makeDrill,
  makeQueueEvidence,
  makeRunResult,
  type FixtureEndpoint,
  type RunFixtureOptions,
} from '../../support/fixtures.js';
import { flowOf } from '../../support/flow-results.js';

const gates = (config: ConfigInput, run: RunFixtureOptions = {}) =>
  evaluateGates(makeRunResult(run), validateConfig(config));
const byId = (list: Gate[], id: string): Gate => {
  const g = list.find((x) => x.id === id);
  if (!g) throw new Error(`no gate ${id} in ${list.map((x) => x.id).join(', ')}`);
  return g;
};

/** 10 s: the first 6 s slow (900 ms) with errors, the last 4 s fast and clean. */
const recovering: FixtureEndpoint = {
  name: 'home',
  path: '/',
  rps: 20,
  latency: (t, i) => (t < 6 ? 900 : 40) + (i % 5),
  error: (t, i) => (t < 6 && i < 4 ? { class: 'http', status: 502 } : null),
};

describe('SLO gates', () => {
  it('no SLO or budget in the config: no gates', () => {
    expect(gates({})).toEqual([]);
  });

  it('p95 and error rate judged on the whole run', () => {
    const list = gates({ slo: { p95: '300ms', error_rate: '1%' } }, { endpoints: [recovering] });
    const p95 = byId(list, 'slo.p95');
    expect(p95.passed).toBe(false);
    expect(p95.value).toBeGreaterThan(850);
    expect(p95.threshold).toBe(300);
    expect(p95.message).toMatch(/whole run/);
    const errors = byId(list, 'slo.error_rate');
    expect(errors.value).toBeCloseTo(24 / 200, 9);
    expect(errors.passed).toBe(false);
  });

  it('over a trailing window the per-second histograms and counts of the last seconds are merged', () => {
    const list = gates(
      { slo: { p95: '300ms', p50: '50ms', error_rate: '1%', over: 'last 4s' } },
      { endpoints: [recovering] },
    );
    const p95 = byId(list, 'slo.p95');
    expect(p95.passed).toBe(true);
    expect(p95.value).toBeGreaterThanOrEqual(44);
    expect(p95.value).toBeLessThan(45);
    expect(p95.message).toMatch(/last 4 s/);
    expect(byId(list, 'slo.p50').value).toBeLessThan(43);
    expect(byId(list, 'slo.error_rate')).toMatchObject({ passed: true, value: 0 });
  });

  it('a window of 5 s straddling the recovery sees one slow second of five', () => {
    const p95 = byId(gates({ slo: { p95: '300ms', over: 'last 5s' } }, { endpoints: [recovering] }), 'slo.p95');
    // 20 of 100 requests are slow (second 5): p95 lands among them.
    expect(p95.value).toBeGreaterThan(850);
  });

  it('per-endpoint overrides become their own gates, judged on that endpoint', () => {
    const endpoints: FixtureEndpoint[] = [
      { name: 'home', path: '/', rps: 40, latency: () => 30 },
      { name: 'checkout', path: '/checkout', method: 'POST', rps: 5, latency: (_t, i) => 180 + i },
    ];
    const list = gates(
      { slo: { p95: '300ms', endpoints: { checkout: { p95: '150ms', error_rate: '0.5%' }, home: { p99: '50ms' } } } },
      { endpoints },
    );
    expect(byId(list, 'slo.p95').passed).toBe(true);
    expect(byId(list, 'slo.endpoints.checkout.p95')).toMatchObject({ passed: false, threshold: 150 });
    expect(byId(list, 'slo.endpoints.checkout.p95').value).toBeGreaterThan(180);
    expect(byId(list, 'slo.endpoints.checkout.error_rate')).toMatchObject({ passed: true, value: 0 });
    expect(byId(list, 'slo.endpoints.home.p99').passed).toBe(true);
  });

  it('a per-endpoint SLO naming no endpoint of the run fails (a typo must not pass)', () => {
    const g = byId(gates({ slo: { endpoints: { chekout: { p95: '150ms' } } } }), 'slo.endpoints.chekout.p95');
    expect(g).toMatchObject({ passed: false, value: null });
    expect(g.message).toMatch(/"chekout" is not in this run \(endpoints: home, products\)/);
  });

  it('throughput: achieved over target rate; closed model cannot be judged and fails the gate', () => {
    expect(byId(gates({ slo: { throughput: '97%' } }), 'slo.throughput')).toMatchObject({ passed: true, value: 1 });
    expect(byId(gates({ slo: { throughput: '97%' } }, { rate: 100 }), 'slo.throughput')).toMatchObject({
      passed: false,
      value: 0.5,
    });
    const closed = byId(gates({ slo: { throughput: '97%' } }, { model: 'closed' }), 'slo.throughput');
    expect(closed).toMatchObject({ passed: false, value: null });
    expect(closed.message).toMatch(/closed model/);
  });

  it('throughput short while the generator lagged says inconclusive', () => {
    const g = byId(
      gates(
        { slo: { throughput: '97%' } },
        { rate: 100, generator: { lagged: true, reason: 'requests left 40 ms late' } },
      ),
      'slo.throughput',
    );
    expect(g.passed).toBe(false);
    expect(g.message).toMatch(/^inconclusive: .*requests left 40 ms late/);
  });

  it('throughput counts successful responses: timeouts answered at the full rate fail it, lag or not', () => {
    const timeouts = [
      {
        name: 'slow',
        path: '/slow',
        weight: 1,
        rps: 20,
        latency: () => 2000,
        error: (_t: number, i: number) => (i % 20 < 9 ? { class: 'timeout' as const } : null),
      },
    ];
    const g = byId(
      gates({ slo: { throughput: '97%' } }, { endpoints: timeouts, generator: { lagged: true, reason: 'late' } }),
      'slo.throughput',
    );
    expect(g).toMatchObject({ passed: false });
    expect(g.value).toBeCloseTo(0.55, 5);
    expect(g.message).not.toMatch(/inconclusive/);
  });

  it('a run with no completed request fails its SLO gates with value null', () => {
    const g = byId(
      gates({ slo: { p95: '300ms' } }, { endpoints: [{ name: 'home', path: '/', rps: 0, latency: () => 1 }] }),
      'slo.p95',
    );
    expect(g).toMatchObject({ passed: false, value: null });
  });
});

describe('budget gates', () => {
  const evidence = {
    db: makeDbEvidence({ queries_per_request: 12.5, replica_lag_max_s: 0.4 }),
    queues: makeQueueEvidence({ depth_max: 1500, drain_s: null }),
  };

  it('judge the evidence against the budgets, in the units of the evidence', () => {
    const list = gates(
      {
        budgets: {
          queries_per_request: 10,
          replica_lag: '1s',
          queue_depth: 1000,
          drain: '30s',
          recovery: '30s',
          pool_wait: '100ms',
        },
      },
      { evidence, drill: makeDrill({ recovery_s: 12 }) },
    );
    expect(byId(list, 'budget.queries_per_request')).toMatchObject({ passed: false, value: 12.5, threshold: 10 });
    expect(byId(list, 'budget.replica_lag')).toMatchObject({ passed: true, value: 0.4, threshold: 1 });
    expect(byId(list, 'budget.queue_depth')).toMatchObject({ passed: false, value: 1500 });
    expect(byId(list, 'budget.drain')).toMatchObject({ passed: false, value: null });
    expect(byId(list, 'budget.drain').message).toMatch(/never drained/);
    expect(byId(list, 'budget.recovery')).toMatchObject({ passed: true, value: 12, threshold: 30 });
    expect(byId(list, 'budget.pool_wait')).toMatchObject({ passed: true, value: 0, threshold: 100 });
  });

  it('a budget whose evidence was not collected fails, saying what to connect', () => {
    const list = gates({ budgets: { queries_per_request: 10, offload: '50%', drill_error_rate: '5%' } });
    for (const id of ['budget.queries_per_request', 'budget.offload', 'budget.drill_error_rate']) {
      expect(byId(list, id)).toMatchObject({ passed: false, value: null });
      expect(byId(list, id).message).toMatch(/^not measured: /);
    }
    expect(byId(list, 'budget.queries_per_request').message).toMatch(/--pg/);
  });
});

describe('exitCodeFor', () => {
  const pass: Gate = { id: 'slo.p95', passed: true, value: 100, threshold: 300 };
  const fail: Gate = { id: 'slo.p95', passed: false, value: 400, threshold: 300 };
  const f = (status: FindingStatus): Finding => ({
    id: 'x',
    category: 'slo',
    title: 't',
    status,
    value: null,
    threshold: null,
    message: 'm',
    remedy: 'r',
  });

  it.each([
    ['gate', [pass], ['fail', 'warn'], 0],
    ['gate', [fail], ['pass'], 1],
    ['fail', [pass], ['pass', 'warn', 'not-measured'], 0],
    ['fail', [pass], ['pass', 'fail'], 1],
    ['fail', [fail], ['pass'], 1],
    ['warn', [pass], ['pass', 'not-measured'], 0],
    ['warn', [pass], ['pass', 'warn'], 1],
    ['warn', [], ['fail'], 1],
  ] as const)('--fail-on %s with gates %j and rules %j → %i', (failOn, gateList, statuses, code) => {
    expect(exitCodeFor(gateList, statuses.map(f), failOn)).toBe(code);
  });
});

describe('flow gates (slo.flows)', () => {
  const withFlow = (flows: ReturnType<typeof makeRunResult>['flows']) => ({ ...makeRunResult({}), flows });

  it('judges a flow’s whole-iteration percentiles and failure rate', () => {
    const run = withFlow({ buy: flowOf([100, 200, 300, 2000], [['checkout', 'csrf']]) });
    const list = evaluateGates(
      run,
      validateConfig({ slo: { flows: { buy: { p50: '1s', p99: '1s', error_rate: '10%' } } } }),
    );
    expect(byId(list, 'slo.flows.buy.p50')).toMatchObject({ passed: true });
    expect(byId(list, 'slo.flows.buy.p99')).toMatchObject({ passed: false, threshold: 1000 });
    expect(byId(list, 'slo.flows.buy.error_rate')).toMatchObject({ passed: false, value: 0.2 });
  });

  it('fails a gate on a flow that is not in the run, or that never completed, saying so', () => {
    const never = withFlow({ buy: flowOf([], [['login', 'csrf']]) });
    const list = evaluateGates(never, validateConfig({ slo: { flows: { buy: { p95: '1s' }, sell: { p95: '1s' } } } }));
    expect(byId(list, 'slo.flows.buy.p95')).toMatchObject({
      passed: false,
      value: null,
      message: 'no iteration of buy completed',
    });
    expect(byId(list, 'slo.flows.sell.p95').message).toMatch(/flow "sell" is not in this run \(flows: buy\)/);
  });
});
