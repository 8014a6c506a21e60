/** `history trend` on a terminal: the figure per run with its interval, and a mark where it changed. */
import Table from 'cli-table3';
import type { Trend } from '../../history/trend.js';
import { formatPercent, formatValue } from '../../util/format.js';

const MARK: Record<string, string> = {
  regressed: '▲ regressed',
  improved: '▼ improved',
  unchanged: '· unchanged',
  inconclusive: '? inconclusive',
  'not-comparable': '— not comparable',
};

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
      value(p.value),
      `${value(p.low)} – ${value(p.high)}`,
      p.change ? MARK[p.change.verdict]! : '(first)',
      p.change?.reason ?? '',
    ]);
  const skipped = t.skipped.length ? `Runs without ${t.endpoint}: ${t.skipped.map((id) => `#${id}`).join(', ')}\n` : '';
  return `${trendTitle(t)}\n${table.toString()}\n${skipped}`;
}
