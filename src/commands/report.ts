/** `scale-audit report run.json --format …`: re-renders a stored run, re-audited with its stored config. */
import { Option } from 'commander';
import type { Command } from 'commander';
import { audit } from '../audit/index.js';
import { auditConfigFromStored } from '../audit/stored-config.js';
import { FAIL_ON_LEVELS, REPORT_FORMATS, storedFailOn, type FailOn, type ReportFormat } from '../config/choices.js';
import { readRunResult, usingResult } from '../result/read-result.js';
import type { RunResult } from '../result/run-result.js';
import { deliverReport } from './output.js';
import { reportFile } from './report-file.js';

interface ReportFlags {
  format: ReportFormat;
  out?: string;
  reportOut?: string;
  failOn?: FailOn;
  asRecorded?: boolean;
}

export function reportCommand(file: string, flags: ReportFlags): number {
  const stored = readRunResult(file);
  const result = usingResult(file, () => (flags.asRecorded ? stored : reaudit(stored)));
  const failOn = flags.failOn ?? storedFailOn(stored.config);
  const reportOut = reportFile(flags.out, flags.reportOut);
  return usingResult(file, () => deliverReport(result, { format: flags.format, reportOut, failOn, print: true }));
}

/** The checks of this version over the stored evidence, with the SLOs and budgets the run was given. */
export function reaudit(stored: RunResult): RunResult {
  return { ...stored, ...audit(stored, auditConfigFromStored(stored.config)) };
}

export function registerReport(program: Command): void {
  program
    .command('report')
    .description("re-render a stored run (run.json): findings, score and gates re-judged with the run's own config")
    .argument('<run>', 'run.json written by scale-audit run --out')
    .addOption(new Option('--format <format>', 'output format').choices(REPORT_FORMATS).default('terminal'))
    .option('--out <file>', 'write the report to a file instead of stdout')
    .option('--report-out <file>', 'the same as --out')
    .addOption(
      new Option(
        '--fail-on <level>',
        'what makes exit code 1: a failed gate, also a failed rule, also a warning',
      ).choices(FAIL_ON_LEVELS),
    )
    .option('--as-recorded', 'show the findings and gates stored in the file instead of re-judging them')
    .action((file: string, flags: ReportFlags) => {
      process.exitCode = reportCommand(file, flags);
    });
}
