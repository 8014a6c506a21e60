/**
 * `scale-audit compare before.json after.json` (or `--baseline last|last-passing|<id>|<git ref> after.json`):
 * judged before/after figures in four formats. `--fail-on-regression` exits 1 unless every gate figure was judged
 * unchanged or improved (`src/compare/gate.ts`); `--allow-inconclusive` lets inconclusive ones through.
 */
import { Option } from 'commander';
import type { Command } from 'commander';
import { parseRatio } from '../config/units.js';
import { ConfigError, EXIT } from '../errors.js';
import { compareRuns } from '../compare/compare.js';
import { resolveEndpointMap } from '../compare/endpoint-map.js';
import { DEFAULT_CONFIDENCE } from '../compare/judge.js';
import { judgeGate } from '../compare/gate.js';
import { renderCompareAnnotations } from '../report/compare/github.js';
import { isGithubActions } from '../report/text/github.js';
import { findBaseline } from '../history/query.js';
import { DEFAULT_HISTORY_FILE, withHistory } from '../history/store.js';
import { COMPARE_FORMATS, renderComparison } from '../report/compare/render.js';
import type { CompareFormat } from '../report/compare/render.js';
import { readRunResult, usingResult } from '../result/read-result.js';
import type { RunResult } from '../result/run-result.js';
import { writeFileAtomic } from '../result/write-result.js';
import { terminalColor } from '../report/text/terminal.js';
import { repeatable } from './options.js';
import { reportFile } from './report-file.js';

interface CompareFlags {
  format: CompareFormat;
  out?: string;
  reportOut?: string;
  failOnRegression?: boolean;
  allowInconclusive?: boolean;
  confidence?: string;
  map?: string[];
  baseline?: string;
  history?: string;
}

export function parseConfidence(text: string | undefined): number {
  if (text === undefined) return DEFAULT_CONFIDENCE;
  const c = parseRatio(text);
  if (c === undefined || !(c >= 0.5 && c < 1))
    throw new ConfigError(`--confidence ${text}: expected a level from 50% to 99.99%, e.g. 99% or 0.95`);
  return c;
}

interface Pair {
  before: RunResult;
  after: RunResult;
  names: string;
}

function loadPair(files: string[], flags: CompareFlags): Pair {
  if (flags.baseline === undefined) {
    if (files.length !== 2)
      throw new ConfigError('compare: give BEFORE.json AFTER.json, or --baseline SPEC AFTER.json');
    return { before: readRunResult(files[0]!), after: readRunResult(files[1]!), names: `${files[0]} or ${files[1]}` };
  }
  if (files.length !== 1) throw new ConfigError('compare --baseline: give only the AFTER.json');
  const after = readRunResult(files[0]!);
  const file = flags.history ?? DEFAULT_HISTORY_FILE;
  const baseline = withHistory(file, false, (store) => findBaseline(store, flags.baseline!, after, process.cwd()));
  process.stderr.write(`baseline: run #${baseline.id} from ${file}\n`);
  return { before: baseline.result, after, names: `history run #${baseline.id} or ${files[0]}` };
}

export function compareCommand(files: string[], flags: CompareFlags): number {
  const confidence = parseConfidence(flags.confidence);
  const { before, after, names } = loadPair(files, flags);
  const map = usingMap(() => resolveEndpointMap(flags.map ?? [], before, after));
  const out = reportFile(flags.out, flags.reportOut);
  const comparison = usingResult(names, () => compareRuns(before, after, { confidence, map }));
  const text = usingResult(names, () =>
    renderComparison(comparison, flags.format, { color: out === undefined && terminalColor() }),
  );
  if (out) writeFileAtomic(out, text);
  else process.stdout.write(text);
  const gate = judgeGate(comparison, { allowInconclusive: flags.allowInconclusive === true });
  for (const line of gate.inconclusive) process.stderr.write(`scale-audit: inconclusive ${line}\n`);
  if (isGithubActions())
    process.stderr.write(renderCompareAnnotations(comparison, gate, flags.failOnRegression === true));
  if (!flags.failOnRegression || gate.passed) return EXIT.ok;
  for (const failure of gate.failures) process.stderr.write(`scale-audit: ${failure}\n`);
  return EXIT.gate;
}

function usingMap(resolve: () => Record<string, string>): Record<string, string> {
  try {
    return resolve();
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
}

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description(
      'compare two run results (before, after): each figure judged improved, regressed, unchanged or ' +
        'inconclusive from confidence intervals on its histograms',
    )
    .argument('<runs...>', 'BEFORE.json AFTER.json, or only AFTER.json with --baseline')
    .addOption(new Option('--format <format>', 'output format').choices([...COMPARE_FORMATS]).default('terminal'))
    .option('--out <file>', 'write the comparison to a file instead of stdout')
    .option('--report-out <file>', 'the same as --out')
    .option(
      '--fail-on-regression',
      'exit 1 when a gate figure (p95, p99, error rate, successful throughput) or a gate regressed, a gate figure ' +
        'was inconclusive, or none could be compared',
    )
    .option('--allow-inconclusive', 'with --fail-on-regression: report inconclusive gate figures, do not fail on them')
    .option('--confidence <level>', 'confidence of the intervals, e.g. 95% (default 99%)')
    .addOption(repeatable('--map <before=after>', 'pair an endpoint renamed between the runs; repeatable'))
    .option('--baseline <spec>', 'take the before run from history: last, last-passing, a run id or a git ref')
    .option('--history <file>', 'history store for --baseline (default .scale-audit/history.db)')
    .action((runs: string[], flags: CompareFlags) => {
      process.exitCode = compareCommand(runs, flags);
    });
}
