/** Table-driven rule tests: each case is evidence in, the expected status out, plus what the finding must say. */
import { describe, expect, it } from 'vitest';
import { CHECKS, checkById } from '../../../checks/index.js';
import type { CategoryId } from '../../../checks/categories.js';
import { buildEvidence, type AuditEvidence } from '../../../src/audit/build-evidence.js';
import { runCheck } from '../../../src/audit/index.js';
import { validateConfig } from '../../../src/config/load.js';
import type { ConfigInput } from '../../../src/config/schema.js';
import type { Finding, FindingStatus } from '../../../src/result/run-result.js';
import { AppTally } from '../../../src/app/app-tally.js';
import type { AppSample } from '../../../src/app/wire-format.js';
import {
  makeCacheEvidence,
  makeDbEvidence,
  makeEdgeEvidence,
  makeQueueEvidence,
  makeRunResult,
  makeDrill,
  type RunFixtureOptions,
} from '../../support/fixtures.js';

export interface RuleCase {
  rule: string;
  status: FindingStatus;
  name: string;
  evidence: AuditEvidence;
  config?: ConfigInput;
  expect?: (f: Finding) => void;
}

/** Evidence of a run where every source answered and everything is healthy. */
export function healthyEvidence(run: RunFixtureOptions = {}): AuditEvidence {
  return buildEvidence(
    makeRunResult({
      evidence: {
        db: makeDbEvidence(),
        cache: makeCacheEvidence(),
        queues: makeQueueEvidence(),
        edge: makeEdgeEvidence(),
        web: { session_cookie: 'sessionid' },
      },
      drill: makeDrill(),
      ...run,
    }),
  );
}

export function judge(rule: string, evidence: AuditEvidence, config: ConfigInput = {}): Finding {
  const check = checkById(rule);
  if (!check) throw new Error(`no rule ${rule}`);
  return runCheck(check, evidence, validateConfig(config));
}

/**
 * `levels`: the statuses each rule of the category can give (docs/checks.md: some rules only warn, some only fail);
 * the cases must exercise every one of them, not-measured included.
 */
export function describeRules(category: CategoryId, levels: Record<string, FindingStatus[]>, cases: RuleCase[]): void {
  describe(`${category} rules`, () => {
    for (const c of cases) {
      it(`${c.rule} → ${c.status}: ${c.name}`, () => {
        const f = judge(c.rule, c.evidence, c.config);
        expect(f.status, f.message).toBe(c.status);
        expect(f.id).toBe(c.rule);
        expect(f.category).toBe(category);
        expect(f.message).not.toMatch(/\n/);
        expect(f.remedy.length).toBeGreaterThan(10);
        if (c.status === 'not-measured') expect(f.value === null || c.rule === 'slo.throughput').toBe(true);
        c.expect?.(f);
      });
    }

    it('exercises every level of every rule of the category', () => {
      const rules = CHECKS.filter((check) => check.category === category).map((check) => check.id);
      expect(Object.keys(levels).sort()).toEqual([...rules].sort());
      for (const rule of rules) {
        const statuses = [...new Set(cases.filter((c) => c.rule === rule).map((c) => c.status))].sort();
        expect(statuses, rule).toEqual([...levels[rule]!].sort());
        expect(statuses, rule).toEqual(expect.arrayContaining(['pass', 'not-measured']));
      }
    });
  });
}

export interface AppRequest {
  sample: Partial<AppSample>;
  serviceMs: number;
}

/**
 * `evidence` with the app's own figures: per endpoint name (of the evidence's run), the requests it reported.
 * Defaults: 20 ms in the view, 5 ms in the database, 2 statements, nothing repeated.
 */
export function withAppFigures(evidence: AuditEvidence, requests: Record<string, AppRequest[]>): AuditEvidence {
  const endpoints = { ...evidence.run.endpoints };
  const all = new AppTally();
  for (const [name, list] of Object.entries(requests)) {
    const tally = new AppTally();
    for (const { sample, serviceMs } of list) {
      const s = { appMs: 20, dbMs: 5, queries: 2, duplicates: 0, cacheHits: 0, cacheMisses: 0, tasks: {}, ...sample };
      tally.add(s, serviceMs);
      all.add(s, serviceMs);
    }
    endpoints[name] = { ...endpoints[name]!, name, app: tally.figures() };
  }
  const summary = { ...evidence.run.summary, app: all.figures() };
  return { ...evidence, run: { ...evidence.run, app_token: true, summary, endpoints } };
}
