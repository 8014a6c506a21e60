/**
 * `scale-audit merge shard-*.json -o run.json`: one RunResult from the shards of a distributed run, audited
 * again as a whole (checks, score, gates). Exit 2 when the files are not shards of one plan; otherwise the exit
 * code of `run` (1 when a gate fails, or a finding at --fail-on).
 */
import { Option, type Command } from 'commander';
import { audit, exitCodeFor, type FailOn } from '../audit/index.js';
import { auditConfigFromStored } from '../audit/stored-config.js';
import { readRunResult } from '../result/read-result.js';
import { writeJsonAtomic } from '../result/write-result.js';
import { mergeShardResults } from '../result/merge-results.js';
import type { RunResult } from '../result/run-result.js';

export interface MergeFlags {
  out: string;
  failOn?: FailOn;
  partial?: boolean;
  quiet?: boolean;
}

export function registerMerge(program: Command): void {
  program
    .command('merge')
    .description('merge the results of `run --shard i/N` into one run.json, then audit it as one run')
    .argument('<files...>', 'shard results (run.json of each shard)')
    .option('-o, --out <file>', 'where to write the merged RunResult', 'run.json')
    .addOption(new Option('--fail-on <level>', 'what makes exit code 1 (default: the config of the run, else gate)').choices(['gate', 'fail', 'warn']))
    .option('--partial', 'merge even when shards are missing; the result is marked partial')
    .option('--quiet', 'print nothing but errors')
    .action((files: string[], flags: MergeFlags) => {
      process.exitCode = mergeCommand(files, flags);
    });
}

export function mergeCommand(files: readonly string[], flags: MergeFlags): number {
  const shards = files.map((file) => ({ file, result: readRunResult(file) }));
  const { result: merged, warnings } = mergeShardResults(shards, { allowMissing: flags.partial === true });
  const auditConfig = auditConfigFromStored(merged.config);
  const result: RunResult = { ...merged, ...audit(merged, auditConfig) };
  writeJsonAtomic(flags.out, result);
  if (!flags.quiet) {
    for (const w of warnings) process.stderr.write(`scale-audit merge: ${w}\n`);
    process.stdout.write(summaryLines(result, files.length));
    process.stderr.write(`run.json written to ${flags.out}${result.partial ? ' (partial)' : ''}\n`);
  }
  const stored = result.config['fail_on'];
  const failOn: FailOn = flags.failOn ?? (stored === 'fail' || stored === 'warn' ? stored : 'gate');
  return exitCodeFor(result.gates, result.findings, failOn);
}

function summaryLines(result: RunResult, files: number): string {
  const s = result.summary;
  const failed = result.gates.filter((g) => !g.passed).map((g) => g.id);
  const count = (status: string): number => result.findings.filter((f) => f.status === status).length;
  return [
    `merged ${files} shard${files > 1 ? 's' : ''}: requests ${s.requests}  rps ${s.rps}${s.target_rps !== undefined ? ` (target ${s.target_rps})` : ''}  errors ${s.errors} (${(s.error_rate * 100).toFixed(2)}%)  dropped ${s.dropped}`,
    `latency p50 ${s.latency_ms.p50} ms  p95 ${s.latency_ms.p95} ms  p99 ${s.latency_ms.p99} ms  max ${s.latency_ms.max} ms`,
    `findings: ${count('fail')} fail, ${count('warn')} warn, ${count('pass')} pass, ${count('not-measured')} not measured; gates: ${failed.length ? `failed ${failed.join(', ')}` : `${result.gates.length} passed`}`,
    '',
  ].join('\n');
}
