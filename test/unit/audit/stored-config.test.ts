import { describe, expect, it } from 'vitest';
import { audit } from '../../../src/audit/index.js';
import { auditConfigFromStored } from '../../../src/audit/stored-config.js';
import { validateConfig } from '../../../src/config/load.js';
import type { ConfigInput } from '../../../src/config/schema.js';
import { makeDbEvidence, makeQueueEvidence, makeRunResult } from '../../support/fixtures.js';

const INPUT: ConfigInput = {
  slo: {
    p95: '300ms',
    p99: '1s',
    error_rate: '1%',
    throughput: '97%',
    over: 'last 60s',
    endpoints: { checkout: { p95: '500ms', error_rate: '0.5%' } },
  },
  budgets: {
    queries_per_request: 10,
    replica_lag: '1s',
    queue_depth: 1000,
    drain: '2m',
    recovery: '30s',
    drill_error_rate: '5%',
    pool_wait: '100ms',
    offload: '60%',
  },
  checks: { 'cache.hit-ratio': { warn: 0.9 } },
  edge: { offload_target: '70%' },
  fail_on: 'warn',
};

describe('auditConfigFromStored', () => {
  it('reads back the validated config that run.json stores (ms and ratios)', () => {
    const validated = validateConfig(INPUT);
    const stored = JSON.parse(JSON.stringify(validated)) as Record<string, unknown>;
    const back = auditConfigFromStored(stored);
    expect(back.slo).toEqual(validated.slo);
    expect(back.budgets).toEqual(validated.budgets);
    expect(back.checks).toEqual(validated.checks);
    expect(back.edge?.offload_target).toBe(0.7);
  });

  it('reads written units too, and ignores what it cannot read', () => {
    const back = auditConfigFromStored({
      slo: { p95: '250ms', over: 'last 30s', error_rate: 'lots' },
      budgets: { replica_lag: '2s', queue_depth: -1 },
    });
    expect(back.slo).toEqual({ p95: 250, over: 30_000, endpoints: {} });
    expect(back.budgets).toEqual({ replica_lag: 2000 });
  });

  it('re-auditing a stored run gives the same findings, score and gates as the run did', () => {
    const config = validateConfig(INPUT);
    const run = makeRunResult({
      config: JSON.parse(JSON.stringify(config)),
      evidence: { db: makeDbEvidence({ queries_per_request: 12 }), queues: makeQueueEvidence() },
    });
    const first = audit(run, config);
    const stored = JSON.parse(JSON.stringify({ ...run, ...first })) as typeof run;
    expect(audit(stored, auditConfigFromStored(stored.config))).toEqual(first);
    expect(first.gates.find((g) => g.id === 'budget.queries_per_request')).toMatchObject({ passed: false, value: 12 });
  });
});
