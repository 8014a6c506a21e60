/** `scale-audit history`: the recorded runs as a terminal table, or JSON. */
import Table from 'cli-table3';
import type { HistoryRow } from '../../history/query.js';
import { formatMs, formatNumber, formatPercent } from '../../util/format.js';

const gateWord = (passed: boolean | null): string => (passed === null ? '—' : passed ? 'passed' : 'failed');
const short = (commit: string | null): string => (commit ? commit.slice(0, 8) : '—');

export function renderHistoryTable(rows: readonly HistoryRow[], file: string): string {
  if (rows.length === 0) return `No recorded run in ${file} matches.\n`;
  const table = new Table({
    head: ['#', 'Started', 'Kind', 'Label', 'Branch', 'Commit', 'Requests', 'req/s', 'p95', 'Errors', 'Score', 'Gates'],
    style: { head: [], border: [] },
  });
  for (const r of rows)
    table.push([
      String(r.id),
      r.started_at.replace('T', ' ').replace(/\.\d+Z$/, 'Z'),
      r.partial ? `${r.kind} (partial)` : r.kind,
      r.label ?? '—',
      r.git_branch ?? '—',
      short(r.git_commit),
      String(r.requests),
      formatNumber(r.rps, 1),
      formatMs(r.p95_ms),
      formatPercent(r.error_rate, 2),
      r.score === null ? '—' : String(r.score),
      gateWord(r.gates_passed),
    ]);
  return `${table.toString()}\n${rows.length} run${rows.length === 1 ? '' : 's'} in ${file}\n`;
}

export const renderHistoryJson = (rows: readonly HistoryRow[]): string => `${JSON.stringify(rows, null, 2)}\n`;
