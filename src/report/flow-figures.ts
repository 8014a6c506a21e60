/** Shared wording of flows in every report: one row per flow, where its iterations failed, a data set running out. */
import type { FlowResult, RunResult } from '../result/run-result.js';
import { formatMs, formatNumber, formatPercent } from '../util/format.js';

export const FLOW_HEAD = [
  'Flow',
  'Iterations',
  'Completed',
  'Failed',
  'Dropped',
  'Rate',
  'p50',
  'p95',
  'p99',
  'Failed at',
];

/** One row per flow, cells as text, in FLOW_HEAD order. */
export function flowRows(result: RunResult): string[][] {
  return Object.values(result.flows ?? {}).map((f) => [
    f.name,
    String(f.iterations),
    String(f.completed),
    f.failed ? `${f.failed} (${formatPercent(f.summary.failure_rate, 1)})` : '0',
    String(f.dropped),
    rateCell(f),
    formatMs(f.summary.latency_ms.p50),
    formatMs(f.summary.latency_ms.p95),
    formatMs(f.summary.latency_ms.p99),
    failedAt(f),
  ]);
}

/** "12.5/s of 20/s": completed iterations per second, and the rate asked for (open model). */
function rateCell(f: FlowResult): string {
  const target = f.summary.target_rate;
  return `${formatNumber(f.summary.rate, 1)}/s${target ? ` of ${formatNumber(target, 1)}` : ''}`;
}

/** "login 12 (csrf), checkout 3 (http)"; "—" when nothing failed. */
export function failedAt(f: FlowResult): string {
  const steps = Object.entries(f.failed_at).sort((a, b) => b[1] - a[1]);
  if (!steps.length) return '—';
  const classes = Object.entries(f.failed_by_class)
    .sort((a, b) => b[1] - a[1])
    .map(([c, n]) => `${c} ${n}`)
    .join(', ');
  return `${steps.map(([s, n]) => `${s} ${n}`).join(', ')} (${classes})`;
}

/** Said in every report when a unique data set ran out and ended the load early (the run is still complete). */
export function endedEarlyLine(result: RunResult): string | undefined {
  if (!result.ended_early) return undefined;
  return `The load ended early at ${formatNumber(result.duration_s, 1)} s: ${result.ended_early}.`;
}
