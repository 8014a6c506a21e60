/**
 * The verdict of `compare --fail-on-regression`, pure: the gate passes only when every gate figure was judged
 * unchanged or improved. A regression fails it; so does a gate figure that could not be judged (the generator
 * lagged, the runs were too short) unless inconclusive figures are allowed, and so does a comparison in which no
 * gate figure could be compared at all.
 */
import type { Comparison, FigureComparison } from './types.js';

export interface GateOptions {
  /** `--allow-inconclusive`: inconclusive gate figures are reported, not failed. */
  allowInconclusive?: boolean;
}

export interface GateVerdict {
  passed: boolean;
  /** Why it failed, one line each. */
  failures: string[];
  /** Inconclusive gate figures, each with its reason and fix. */
  inconclusive: string[];
  /** The inconclusive figures count as failures (not allowed). */
  inconclusiveFail: boolean;
}

/** The figure's reason, and for an inconclusive one how to fix it: "… — fix: rerun with …". */
export const reasonWithFix = (f: FigureComparison): string =>
  f.inconclusive ? `${f.reason} — fix: ${f.inconclusive.fix}` : f.reason;

/** "latency.p95: inconclusive — the load generator lagged … — fix: rerun with …" */
export const inconclusiveLine = (f: FigureComparison): string => `${f.id}: ${reasonWithFix(f)}`;

function nothingCompared(c: Comparison): string {
  const noShared = c.before.endpoints.every((name) => !c.after.endpoints.includes(name));
  const why = noShared
    ? 'the runs share no endpoint (pair renamed ones with --map before=after)'
    : 'no latency, throughput or error figure was measured in both runs';
  return `nothing gate-worthy could be compared: ${why}`;
}

export function judgeGate(c: Comparison, options: GateOptions = {}): GateVerdict {
  const failures: string[] = [];
  if (c.gate_regressions.length) failures.push(`gate figures regressed: ${c.gate_regressions.join(', ')}`);
  if (c.gates_compared.length === 0) failures.push(nothingCompared(c));
  const inconclusive = c.figures.filter((f) => f.gate && f.verdict === 'inconclusive').map(inconclusiveLine);
  const inconclusiveFail = inconclusive.length > 0 && !options.allowInconclusive;
  if (inconclusiveFail)
    failures.push(
      `gate figures inconclusive (${c.gates_inconclusive.join(', ')}): an unjudged gate is not a pass ` +
        '(--allow-inconclusive lets it through)',
    );
  return { passed: failures.length === 0, failures, inconclusive, inconclusiveFail };
}
