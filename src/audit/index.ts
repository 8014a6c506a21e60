/** The audit: evidence from a run, every rule of the checklist, the score and the gates. Pure. */
import type { Check } from '../../checks/check.js';
import { CHECKS } from '../../checks/index.js';
import type { Finding, Gate, RunResult, Score } from '../result/run-result.js';
import type { AuditConfig } from './audit-config.js';
import { buildEvidence, type AuditEvidence } from './build-evidence.js';
import { evaluateGates } from './gates.js';
import { capacityGates } from '../capacity/gate.js';
import { scoreFindings } from './score.js';
import { resolveEndpointThresholds, resolveThresholds } from './thresholds.js';

export interface AuditOutcome {
  findings: Finding[];
  score: Score;
  gates: Gate[];
}

export function audit(result: RunResult, config: AuditConfig): AuditOutcome {
  const evidence = buildEvidence(result, config.slo.over !== undefined ? { over_ms: config.slo.over } : {});
  const findings = CHECKS.map((check) => runCheck(check, evidence, config));
  // A capacity search is gated on the capacity it found (its steps were judged by the SLO already).
  const gates = result.capacity ? capacityGates(result.capacity) : evaluateGates(result, config, evidence);
  return { findings, score: scoreFindings(findings), gates };
}

/** A rule that throws on odd evidence must not take the run down: it reports itself not measured. */
export function runCheck(check: Check, evidence: AuditEvidence, config: AuditConfig): Finding {
  try {
    return check.evaluate(evidence, resolveThresholds(check, config), resolveEndpointThresholds(check, config));
  } catch (err) {
    return {
      id: check.id,
      category: check.category,
      title: check.title,
      status: 'not-measured',
      value: null,
      threshold: null,
      message: `the rule could not judge this evidence: ${err instanceof Error ? err.message : String(err)}`,
      remedy: 'report this as a scale-audit bug with the run.json',
    };
  }
}

export type { AuditConfig } from './audit-config.js';
export type { AuditEvidence } from './build-evidence.js';
export { buildEvidence } from './build-evidence.js';
export { evaluateGates, exitCodeFor, type FailOn } from './gates.js';
export { scoreFindings } from './score.js';
export { checkOverrideProblems, validateCheckOverrides, resolveThresholds } from './thresholds.js';
