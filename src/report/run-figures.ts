/** Shared wording of the text reports (terminal, markdown, junit, github): units of gates, verdicts, labels. */
import { categoryTitle } from '../../checks/categories.js';
import type { Finding, FindingStatus, Gate, RunResult } from '../result/run-result.js';
import { formatValue, type ValueUnit } from '../util/format.js';

/** The unit of a gate's value and threshold, read from its id (slo.p95 → ms, budget.replica_lag → s, …). */
export function gateUnit(id: string): ValueUnit {
  if (/\.p\d\d$/.test(id) || id === 'budget.pool_wait') return 'ms';
  if (/(error_rate|throughput|offload)$/.test(id)) return 'ratio';
  if (/^budget\.(replica_lag|drain|recovery)$/.test(id)) return 's';
  if (id === 'capacity.min_rate') return 'req/s';
  return 'count';
}

export function gateValue(g: Gate): string {
  return g.value === null ? 'not measured' : formatValue(g.value, gateUnit(g.id));
}

export function gateThreshold(g: Gate): string {
  const min = g.id === 'slo.throughput' || g.id === 'budget.offload' || g.id === 'capacity.min_rate';
  return `${min ? '≥' : '≤'} ${formatValue(g.threshold, gateUnit(g.id))}`;
}

export const STATUS_LABEL: Record<FindingStatus, string> = {
  pass: 'PASS',
  warn: 'WARN',
  fail: 'FAIL',
  'not-measured': 'N/M',
};

/** Findings grouped by category, in the checklist's category order. */
export function findingsByCategory(findings: readonly Finding[]): { id: string; title: string; findings: Finding[] }[] {
  const ids = findings.map((f) => f.category).filter((id, i, all) => all.indexOf(id) === i);
  return ids.map((id) => ({ id, title: categoryTitle(id), findings: findings.filter((f) => f.category === id) }));
}

export function countStatuses(findings: readonly Finding[]): Record<FindingStatus, number> {
  const out: Record<FindingStatus, number> = { pass: 0, warn: 0, fail: 0, 'not-measured': 0 };
  for (const f of findings) out[f.status] += 1;
  return out;
}

/** "2 of 5 gates failed" / "all 5 gates passed" / "no gates set". */
export function gatesVerdict(gates: readonly Gate[]): string {
  if (!gates.length) return 'no gates set';
  const failed = gates.filter((g) => !g.passed).length;
  return failed
    ? `${failed} of ${gates.length} gate${gates.length > 1 ? 's' : ''} failed`
    : `all ${gates.length} gate${gates.length > 1 ? 's' : ''} passed`;
}

export function planLine(result: RunResult): string {
  const p = result.plan;
  const load =
    p.model === 'open'
      ? p.stages
        ? `open model, ${p.stages.length} stages up to ${Math.max(...p.stages.map((s) => s.rate))} req/s`
        : `open model, ${p.rate ?? result.summary.target_rps ?? '?'} req/s`
      : `closed model, ${p.connections ?? '?'} connections`;
  const warmup = p.warmup_s ? ` (+${p.warmup_s} s warmup)` : '';
  return `${load}, ${result.duration_s} s${warmup}`;
}

/** "timeout 3, http 2 (500×2)": error classes with the failing HTTP statuses. */
export function errorBreakdown(s: RunResult['summary']): string {
  const classes = Object.entries(s.errors_by_class)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  if (!classes.length) return 'none';
  const statuses = Object.entries(s.status_codes).filter(([code]) => !/^[23]\d\d$/.test(code));
  return classes
    .map(([c, n]) => {
      const codes =
        c === 'http' && statuses.length ? ` (${statuses.map(([code, k]) => `${code}×${k}`).join(', ')})` : '';
      return `${c} ${n}${codes}`;
    })
    .join(', ');
}

export function scoreText(score: number | null | undefined): string {
  return score === null || score === undefined ? 'n/m' : `${Math.round(score)}`;
}
