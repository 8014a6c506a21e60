/**
 * `scale-audit history` lists the recorded runs (`--json`, `--label`, `--branch`, `--last N`);
 * `scale-audit history trend --figure p95 [--endpoint NAME]` shows one figure per run with its interval
 * and the runs where it changed, on the terminal or as a self-contained HTML page.
 */
import { Option } from 'commander';
import type { Command } from 'commander';
import { ConfigError, EXIT } from '../errors.js';
import { listRuns, loadRun } from '../history/query.js';
import type { HistoryFilter } from '../history/query.js';
import { DEFAULT_HISTORY_FILE, withHistory } from '../history/store.js';
import { TREND_FIGURES, buildTrend, parseTrendFigure } from '../history/trend.js';
import { renderHistoryJson, renderHistoryTable } from '../report/history/list.js';
import { renderTrendHtml } from '../report/history/trend-html.js';
import { renderTrendText } from '../report/history/trend-text.js';
import { writeFileAtomic } from '../result/write-result.js';
import { parseConfidence } from './compare.js';

interface FilterFlags {
  history?: string;
  label?: string;
  branch?: string;
  last?: string;
}

interface ListFlags extends FilterFlags {
  json?: boolean;
}

interface TrendFlags extends FilterFlags {
  figure: string;
  endpoint?: string;
  format: 'terminal' | 'html' | 'json';
  out?: string;
  confidence?: string;
}

function filterOf(flags: FilterFlags): HistoryFilter {
  const filter: HistoryFilter = {};
  if (flags.label !== undefined) filter.label = flags.label;
  if (flags.branch !== undefined) filter.branch = flags.branch;
  if (flags.last !== undefined) {
    const n = Number(flags.last);
    if (!Number.isInteger(n) || n < 1) throw new ConfigError(`--last ${flags.last}: expected a whole number ≥ 1`);
    filter.last = n;
  }
  return filter;
}

export function historyCommand(flags: ListFlags): number {
  const file = flags.history ?? DEFAULT_HISTORY_FILE;
  const rows = withHistory(file, false, (store) => listRuns(store, filterOf(flags)));
  process.stdout.write(flags.json ? renderHistoryJson(rows) : renderHistoryTable(rows, file));
  return EXIT.ok;
}

export function trendCommand(flags: TrendFlags): number {
  const figure = parseTrendFigure(flags.figure);
  const confidence = parseConfidence(flags.confidence);
  const file = flags.history ?? DEFAULT_HISTORY_FILE;
  const runs = withHistory(file, false, (store) =>
    listRuns(store, filterOf(flags))
      .filter((row) => row.kind !== 'drill')
      .map((row) => ({ row, result: loadRun(store, row.id) })),
  );
  const trend = buildTrend(runs, figure, flags.endpoint ?? null, confidence);
  const text =
    flags.format === 'html'
      ? renderTrendHtml(trend)
      : flags.format === 'json'
        ? `${JSON.stringify(trend, null, 2)}\n`
        : renderTrendText(trend);
  if (flags.out) writeFileAtomic(flags.out, text);
  else process.stdout.write(text);
  return EXIT.ok;
}

const withFilters = (cmd: Command): Command =>
  cmd
    .option('--history <file>', `history store (default ${DEFAULT_HISTORY_FILE})`)
    .option('--label <text>', 'only runs with this label')
    .option('--branch <name>', 'only runs made from this git branch')
    .option('--last <n>', 'only the most recent N runs');

export function registerHistory(program: Command): void {
  const history = withFilters(
    program.command('history').description('list the runs recorded in the history store (or: history trend)'),
  )
    .option('--json', 'print the runs as JSON')
    .action((flags: ListFlags) => {
      process.exitCode = historyCommand(flags);
    });
  withFilters(history.command('trend').description('one figure per recorded run, its interval, and where it changed'))
    .requiredOption('--figure <name>', TREND_FIGURES.join(', '))
    .option('--endpoint <name>', "one endpoint's figure instead of the whole run's")
    .addOption(
      new Option('--format <format>', 'output format').choices(['terminal', 'html', 'json']).default('terminal'),
    )
    .option('--out <file>', 'write to a file instead of stdout')
    .option('--confidence <level>', 'confidence of the intervals (default 99%)')
    .action((flags: TrendFlags) => {
      // `history` owns the shared filter flags wherever they are written: take them from it too.
      process.exitCode = trendCommand({ ...(history.opts() as FilterFlags), ...flags });
    });
}
