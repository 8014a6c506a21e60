import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATEGORIES, CHECKS } from '../../../checks/index.js';
import { buildEvidence, type AuditEvidence } from '../../../src/audit/build-evidence.js';
import { checkOverrideProblems, resolveThresholds, runCheck } from '../../../src/audit/index.js';
import { validateConfig } from '../../../src/config/load.js';
import type { ConfigInput } from '../../../src/config/schema.js';
import { makeRunResult } from '../../support/fixtures.js';
import { healthyEvidence } from './rule-cases.js';

/** The rows of the checklist (docs/checks.md), in order. */
const CHECKLIST = [
  'slo.latency',
  'slo.errors',
  'slo.throughput',
  'web.no-sticky',
  'web.sessions-external',
  'web.backpressure',
  'web.queueing',
  'async.queue-bounded',
  'async.priorities',
  'async.drain',
  'db.queries-per-request',
  'db.n-plus-one',
  'db.offset-pagination',
  'db.seq-scans',
  'db.buffer-hit',
  'db.connections',
  'db.pooler',
  'db.replica-routing',
  'db.replica-lag',
  'cache.hit-ratio',
  'cache.evictions',
  'edge.cache-control',
  'edge.validators',
  'edge.compression',
  'edge.protocol',
  'edge.offload',
  'edge.cookie-on-cacheable',
  'obs.tracing',
  'drill.recovery',
  'drill.degradation',
];

/** Each config word a rule reads, set in written units, and the threshold it must become in the rule's unit. */
const CONFIG_WORDS: { rule: string; key: string; config: ConfigInput; expected: number }[] = [
  { rule: 'slo.latency', key: 'p95', config: { slo: { p95: '7ms' } }, expected: 7 },
  { rule: 'slo.latency', key: 'p99', config: { slo: { p99: '7ms' } }, expected: 7 },
  { rule: 'web.queueing', key: 'p95', config: { slo: { p95: '7ms' } }, expected: 7 },
  { rule: 'slo.errors', key: 'error_rate', config: { slo: { error_rate: '7%' } }, expected: 0.07 },
  { rule: 'slo.throughput', key: 'ratio', config: { slo: { throughput: '7%' } }, expected: 0.07 },
  { rule: 'db.queries-per-request', key: 'budget', config: { budgets: { queries_per_request: 7 } }, expected: 7 },
  { rule: 'db.replica-lag', key: 'max_s', config: { budgets: { replica_lag: '7s' } }, expected: 7 },
  { rule: 'async.queue-bounded', key: 'queue_depth', config: { budgets: { queue_depth: 7 } }, expected: 7 },
  { rule: 'async.drain', key: 'drain_s', config: { budgets: { drain: '7s' } }, expected: 7 },
  { rule: 'drill.recovery', key: 'budget_s', config: { budgets: { recovery: '7s' } }, expected: 7 },
  { rule: 'drill.degradation', key: 'error_rate', config: { budgets: { drill_error_rate: '7%' } }, expected: 0.07 },
  { rule: 'db.pooler', key: 'wait_ms', config: { budgets: { pool_wait: '7ms' } }, expected: 7 },
  { rule: 'edge.offload', key: 'target', config: { edge: { offload_target: '7%' } }, expected: 0.07 },
];

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

describe('the checklist registry', () => {
  it(
    'has one rule per checklist row (docs/checks.md), in its order, ' +
      'each in a known category with a positive weight',
    () => {
      expect(CHECKS.map((c) => c.id)).toEqual(CHECKLIST);
      const categories = CATEGORIES.map((c) => c.id as string);
      for (const c of CHECKS) {
        expect(categories, c.id).toContain(c.category);
        expect(c.weight, c.id).toBeGreaterThan(0);
        for (const v of Object.values(c.defaults)) expect(typeof v, c.id).toBe('number');
      }
    },
  );

  it.each(CONFIG_WORDS)('$rule reads its config word into $key', ({ rule, key, config, expected }) => {
    const check = CHECKS.find((c) => c.id === rule)!;
    const before = resolveThresholds(check, validateConfig({}))[key];
    const after = resolveThresholds(check, validateConfig(config))[key];
    expect(after).toBeCloseTo(expected, 9);
    expect(after).not.toBe(before);
  });

  it('every config word a rule declares is one the config schema accepts', () => {
    for (const c of CHECKS) {
      for (const [key, word] of Object.entries(c.config ?? {})) {
        expect(
          CONFIG_WORDS.some((w) => w.rule === c.id && w.key === key),
          `${c.id}.${key} → ${word?.path}`,
        ).toBe(true);
      }
    }
  });

  it('a run where nothing was collected is not-measured on every rule, never a pass', () => {
    const empty = buildEvidence(makeRunResult({ endpoints: [{ name: 'home', path: '/', rps: 0, latency: () => 1 }] }));
    const config = validateConfig({});
    for (const c of CHECKS) expect(runCheck(c, empty, config).status, c.id).toBe('not-measured');
  });

  it('rules are pure: they leave the evidence untouched and answer the same twice', () => {
    const evidence: AuditEvidence = deepFreeze(healthyEvidence());
    const config = validateConfig({});
    for (const c of CHECKS) {
      const first = runCheck(c, evidence, config);
      expect(first.message, c.id).not.toMatch(/could not judge/);
      expect(runCheck(c, evidence, config)).toEqual(first);
    }
  });

  it('a rule that throws on odd evidence reports itself not measured instead of failing the run', () => {
    const odd = { ...healthyEvidence(), db: { tables: 'not a list' } } as unknown as AuditEvidence;
    const seq = CHECKS.find((c) => c.id === 'db.seq-scans')!;
    const f = runCheck(seq, odd, validateConfig({}));
    expect(f.status).toBe('not-measured');
    expect(f.message).toMatch(/could not judge/);
  });
});

describe('docs/checks.md', () => {
  const doc = readFileSync(join(import.meta.dirname, '../../../docs/checks.md'), 'utf8');

  it('has a row per rule naming its thresholds, defaults and config words', () => {
    for (const c of CHECKS) {
      const row = doc.split('\n').find((l) => l.startsWith(`| \`${c.id}\` |`));
      expect(row, c.id).toBeDefined();
      for (const [key, value] of Object.entries(c.defaults))
        expect(row, `${c.id}.${key}`).toContain(`\`${key}: ${value}\``);
      for (const word of Object.values(c.config ?? {}))
        expect(row, `${c.id} ${word?.path}`).toContain(`\`${word!.path}\``);
    }
  });
});

describe('checks: overrides in the config', () => {
  it('names unknown rules, unknown thresholds and values that are not numbers', () => {
    const problems = checkOverrideProblems(
      validateConfig({
        checks: {
          'cache.hitratio': { warn: 0.9 },
          'cache.hit-ratio': { warm: 0.9, fail: 'lots' },
          'db.buffer-hit': { ratio: '98%' },
        },
      }),
    );
    expect(problems).toEqual([
      'checks.cache.hitratio: unknown rule (see docs/checks.md)',
      'checks.cache.hit-ratio.warm: unknown threshold (known: warn, fail)',
      'checks.cache.hit-ratio.fail: expected a number or a percentage, got "lots"',
    ]);
  });
});
