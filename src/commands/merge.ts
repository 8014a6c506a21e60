/**
 * `scale-audit merge shard-*.json -o run.json`: one RunResult from the shards of a distributed run, audited
 * again as a whole (checks, score, gates) and reported like `run`. Exit 2 when the files are not the shards of
 * one plan; otherwise the exit code of `run` (1 when a gate fails, or a finding at --fail-on).
 */
import { Option, type Command } from 'commander';
import { audit } from '../audit/index.js';
import { auditConfigFromStored } from '../audit/stored-config.js';
import { FAIL_ON_LEVELS, REPORT_FORMATS, storedFailOn, type FailOn, type ReportFormat } from '../config/choices.js';
import { readRunResult, usingResult } from '../result/read-result.js';
import { writeJsonAtomic } from '../result/write-result.js';
import { deliverReport } from './output.js';
import { addHistoryOptions } from './options.js';
import { checkHistory, historyFile, recordResult } from './history-record.js';
import { mergeShardResults } from '../merge/merge-results.js';
import type { RunResult } from '../result/run-result.js';

export interface MergeFlags {
  out: string;
  format: ReportFormat;
  reportOut?: string;
  failOn?: FailOn;
  partial?: boolean;
  quiet?: boolean;
  history?: string | false;
  label?: string;
}

export function registerMerge(program: Command): void {
  const command = program
    .command('merge')
    .description('merge the results of `run --shard i/N` into one run.json, audited and reported as one run')
    .argument('<files...>', 'shard results (the run.json of each shard)')
    .option('-o, --out <file>', 'where to write the merged RunResult', 'run.json')
    .addOption(new Option('--format <format>', 'report format').choices(REPORT_FORMATS).default('terminal'))
    .option('--report-out <file>', 'write the report to a file instead of stdout')
    .addOption(
      new Option(
        '--fail-on <level>',
        "what makes exit code 1 (default: the fail_on of the shards' config, else gate)",
      ).choices(FAIL_ON_LEVELS),
    )
    .option('--partial', 'merge even when shards are missing; the result is marked partial')
    .option('--quiet', 'no report on stdout (a --report-out file is still written); only errors');
  addHistoryOptions(command).action((files: string[], flags: MergeFlags) => {
    process.exitCode = mergeCommand(files, flags);
  });
}

export function mergeCommand(files: readonly string[], flags: MergeFlags): number {
  const shards = files.map((file) => ({ file, result: readRunResult(file) }));
  const { result: merged, warnings } = usingResult(files.join(', '), () =>
    mergeShardResults(shards, { allowMissing: flags.partial === true }),
  );
  const result: RunResult = { ...merged, ...audit(merged, auditConfigFromStored(merged.config)) };
  const history = historyFile(flags.history, storedHistory(result.config.history));
  checkHistory(history);
  writeJsonAtomic(flags.out, result);
  const failOn = flags.failOn ?? storedFailOn(result.config);
  if (!flags.quiet) for (const w of warnings) process.stderr.write(`scale-audit merge: ${w}\n`);
  const code = deliverReport(result, { format: flags.format, reportOut: flags.reportOut, failOn, print: !flags.quiet });
  if (!flags.quiet)
    process.stderr.write(
      `merged ${files.length} shard${files.length > 1 ? 's' : ''}; run.json written to ` +
        `${flags.out}${result.partial ? ' (partial)' : ''}\n`,
    );
  recordResult(result, history, 'merge', {
    quiet: flags.quiet === true,
    ...(flags.label !== undefined ? { label: flags.label } : {}),
  });
  return code;
}

const storedHistory = (value: unknown): string | false | undefined =>
  typeof value === 'string' || value === false ? value : undefined;
