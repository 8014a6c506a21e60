/** `history trend` on a terminal: the figure per run with its interval, and a mark where it changed. */
import Table from 'cli-table3';
import type { Trend, TrendPoint } from '../../history/trend.js';
import { formatPercent, formatValue } from '../../util/format.js';

const MARK: Record<string, string> = {
  regressed: '▲ regressed',
  improved: '▼ improved',
  unchanged: '· unchanged',
  inconclusive: '? inconclusive',
  'not-comparable': '— not comparable',
};

const CAUSE: Record<string, string> = { 'generator-lagged': 'generator lagged', 'too-short': 'too short' };

/** "? inconclusive (generator lagged)": an unjudged change says why, so it is never read as a pass. */
function mark(p: TrendPoint): string {
  if (!p.change) return '(first)';
  const cause = p.change.inconclusive ? ` (${CAUSE[p.change.inconclusive.cause]})` : '';
  return MARK[p.change.verdict]! + cause;
}

const why = (p: TrendPoint): string =>
  p.change ? p.change.reason + (p.change.inconclusive ? ` — fix: ${p.change.inconclusive.fix}` : '') : '';

export function trendTitle(t: Trend): string {
  const what = t.endpoint ? `${t.figure} of ${t.endpoint}` : t.figure;
  return `${what} per recorded run (${formatPercent(t.confidence)} intervals)`;
}

export function renderTrendText(t: Trend): string {
  if (t.points.length === 0) return `${trendTitle(t)}: no recorded run has it.\n`;
  const table = new Table({
    head: ['#', 'Started', 'Commit', 'Label', t.figure, 'Interval', 'Change', 'Why'],
    style: { head: [], border: [] },
    colWidths: [null, null, null, null, null, null, null, 48],
    wordWrap: true,
  });
  const value = (v: number | null): string => (v === null ? '?' : formatValue(v, t.unit));
  for (const p of t.points)
    table.push([
      String(p.id),
      p.started_at.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
      p.git_commit ? p.git_commit.slice(0, 8) : '—',
      p.label ?? '—',
      p.answered_rps === undefined ? value(p.value) : `${value(p.value)} (answered ${value(p.answered_rps)})`,
      `${value(p.low)} – ${value(p.high)}`,
      mark(p),
      why(p),
    ]);
  const skipped = t.skipped.length ? `Runs without ${t.endpoint}: ${t.skipped.map((id) => `#${id}`).join(', ')}\n` : '';
  return `${trendTitle(t)}\n${table.toString()}\n${skipped}`;
}
