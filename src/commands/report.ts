/** `scale-audit report run.json --format …`: re-renders a stored run, re-audited with its stored config. */
import { Option } from 'commander';
import type { Command } from 'commander';
import { audit } from '../audit/index.js';
import { exitCodeFor, type FailOn } from '../audit/gates.js';
import { auditConfigFromStored } from '../audit/stored-config.js';
import {
  isGithubActions,
  renderGithubAnnotations,
  renderReport,
  REPORT_FORMATS,
  terminalColor,
  type ReportFormat,
} from '../report/index.js';
import { readRunResult, usingResult } from '../result/read-result.js';
import type { RunResult } from '../result/run-result.js';
import { writeFileAtomic } from '../result/write-result.js';

const FAIL_ON = ['gate', 'fail', 'warn'] as const;

interface ReportFlags {
  format: ReportFormat;
  out?: string;
  failOn?: FailOn;
  asRecorded?: boolean;
}

export function reportCommand(file: string, flags: ReportFlags): number {
  const stored = readRunResult(file);
  const result = usingResult(file, () => (flags.asRecorded ? stored : reaudit(stored)));
  const failOn = flags.failOn ?? storedFailOn(stored);
  const text = usingResult(file, () =>
    renderReport(result, flags.format, {
      failOn,
      color: flags.out === undefined && flags.format === 'terminal' && terminalColor(),
      width: process.stdout.columns ?? 100,
    }),
  );
  if (flags.out) writeFileAtomic(flags.out, text);
  else process.stdout.write(text);
  // stderr keeps stdout parseable (json, junit); the Actions runner reads workflow commands from both.
  if (isGithubActions()) process.stderr.write(renderGithubAnnotations(result));
  return exitCodeFor(result.gates, result.findings, failOn);
}

/** The checks of this version over the stored evidence, with the SLOs and budgets the run was given. */
export function reaudit(stored: RunResult): RunResult {
  return { ...stored, ...audit(stored, auditConfigFromStored(stored.config)) };
}

function storedFailOn(stored: RunResult): FailOn {
  const value = stored.config.fail_on;
  return FAIL_ON.includes(value as FailOn) ? (value as FailOn) : 'gate';
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description("re-render a stored run (run.json): findings, score and gates re-judged with the run's own config")
    .argument('<run>', 'run.json written by scale-audit run --out')
    .addOption(new Option('--format <format>', 'output format').choices([...REPORT_FORMATS]).default('terminal'))
    .option('--out <file>', 'write the report to a file instead of stdout')
    .addOption(
      new Option(
        '--fail-on <level>',
        'what makes exit code 1: a failed gate, also a failed rule, also a warning',
      ).choices([...FAIL_ON]),
    )
    .option('--as-recorded', 'show the findings and gates stored in the file instead of re-judging them')
    .action((file: string, flags: ReportFlags) => {
      process.exitCode = reportCommand(file, flags);
    });
}
