/** `scale-audit compare before.json after.json`: judged before/after figures in four formats. */
import { Option } from 'commander';
import type { Command } from 'commander';
import { EXIT } from '../errors.js';
import { compareRuns } from '../compare/compare.js';
import { COMPARE_FORMATS, renderComparison } from '../report/compare/render.js';
import type { CompareFormat } from '../report/compare/render.js';
import { readRunResult, usingResult } from '../result/read-result.js';
import { writeFileAtomic } from '../result/write-result.js';
import { terminalColor } from '../report/text/terminal.js';

interface CompareFlags {
  format: CompareFormat;
  out?: string;
  failOnRegression?: boolean;
}

/** Colour only on a terminal (NO_COLOR / FORCE_COLOR honoured), never into a file. */
const useColor = (out: string | undefined): boolean => out === undefined && terminalColor();

export function compareCommand(beforeFile: string, afterFile: string, flags: CompareFlags): number {
  const before = readRunResult(beforeFile);
  const after = readRunResult(afterFile);
  const comparison = usingResult(`${beforeFile} or ${afterFile}`, () => compareRuns(before, after));
  const text = usingResult(`${beforeFile} or ${afterFile}`, () =>
    renderComparison(comparison, flags.format, { color: useColor(flags.out) }),
  );
  if (flags.out) writeFileAtomic(flags.out, text);
  else process.stdout.write(text);
  if (flags.failOnRegression && comparison.gate_regressions.length > 0) {
    process.stderr.write(`scale-audit: gate figures regressed: ${comparison.gate_regressions.join(', ')}\n`);
    return EXIT.gate;
  }
  return EXIT.ok;
}

export function registerCompare(program: Command): void {
  program
    .command('compare')
    .description(
      'compare two run results (before, after): each figure judged improved, regressed or unchanged beyond ' +
        'run-to-run noise',
    )
    .argument('<before>', 'run.json of the baseline run')
    .argument('<after>', 'run.json of the run to judge')
    .addOption(new Option('--format <format>', 'output format').choices([...COMPARE_FORMATS]).default('terminal'))
    .option('--out <file>', 'write the comparison to a file instead of stdout')
    .option('--fail-on-regression', 'exit 1 when a gate figure (p95, p99, error rate, throughput) or a gate regressed')
    .action((before: string, after: string, flags: CompareFlags) => {
      process.exitCode = compareCommand(before, after, flags);
    });
}
