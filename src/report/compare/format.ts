/** Plain-text cells shared by the compare renderers: values, changes, verdict words. */
import { formatDelta, formatPercent, formatRelative, formatValue } from '../../util/format.js';
import type { Comparison, FigureComparison, RunIdentity, Verdict } from '../../compare/types.js';
import { reasonWithFix } from '../../compare/gate.js';

export const VERDICT_WORD: Record<Verdict, string> = {
  improved: 'improved',
  regressed: 'regressed',
  unchanged: 'unchanged',
  inconclusive: 'inconclusive',
  'not-comparable': 'not comparable',
};

export interface FigureCells {
  label: string;
  before: string;
  after: string;
  change: string;
  verdict: string;
  reason: string;
}

export function figureCells(f: FigureComparison): FigureCells {
  const rel = formatRelative(f.relative);
  const delta = formatDelta(f.delta, f.unit);
  return {
    label: f.gate ? `${f.label} (gate)` : f.label,
    before: formatValue(f.before, f.unit),
    after: formatValue(f.after, f.unit),
    change: f.delta === null ? '—' : rel && f.unit !== 'ratio' && f.unit !== 'points' ? `${delta} (${rel})` : delta,
    verdict: VERDICT_WORD[f.verdict],
    reason: reasonWithFix(f),
  };
}

export function describeRun(run: RunIdentity): string {
  const load =
    run.model === 'open'
      ? run.rate !== undefined
        ? `${run.rate} req/s open`
        : 'staged open'
      : `${run.connections ?? '?'} connections closed`;
  return `${run.target} · ${run.started_at} · ${run.duration_s} s · ${load} · ${run.requests} requests`;
}

export function headline(c: Comparison): string {
  const n = c.counts;
  const parts = [`${n.improved} improved`, `${n.regressed} regressed`, `${n.unchanged} unchanged`];
  if (n.inconclusive) parts.push(`${n.inconclusive} inconclusive`);
  if (n['not-comparable']) parts.push(`${n['not-comparable']} not comparable`);
  const gates = c.gate_regressions.length ? `gate regressions: ${c.gate_regressions.join(', ')}` : 'no gate regressed';
  const level = `intervals at ${formatPercent(c.confidence)} confidence`;
  const nothing = c.gates_compared.length === 0 ? '; no gate figure could be compared' : '';
  const unjudged = c.gates_inconclusive.length ? `; gate figures not judged: ${c.gates_inconclusive.join(', ')}` : '';
  return `${parts.join(', ')}; ${gates}${unjudged}${nothing} (${level}).`;
}

export const ruleStateWord = (s: string): string => (s === 'absent' ? '(absent)' : s);

export const gateWord = (passed: boolean | null): string =>
  passed === null ? '(not set)' : passed ? 'passed' : 'failed';

export const scopeNote = (c: Comparison): string =>
  c.scope === 'full'
    ? 'Both runs hit the same endpoints.'
    : 'The endpoint sets differ: traffic figures cover the shared endpoints only.';
