import { Option, type Command } from 'commander';
import { repeatable } from './options.js';
import { flagsToConfig, type RunFlags } from '../config/flags.js';
import { loadConfig, locateConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { startRun } from '../run/pipeline.js';
import { writeJsonAtomic } from '../result/write-result.js';
import { FAIL_ON_LEVELS, REPORT_FORMATS } from '../config/choices.js';
import type { RunResult } from '../result/run-result.js';
import { shouldShowLive, startLiveLine } from '../ui/live-line.js';
import { deliverRunReport } from './output.js';
import { formatPlan } from './dry-run.js';
import { EXIT } from '../errors.js';
import { checkDrillSchedule } from '../drill/schedule-flags.js';
import { validateCheckOverrides } from '../audit/index.js';

export const DEFAULT_OUT = 'run.json';

/** The flags of `run` (docs/architecture.md stable surface); `drill` reuses them. */
export function addRunOptions(cmd: Command): Command {
  return cmd
    .option('--config <file>', 'YAML or JSON config (default ./scale-audit.yml when present)')
    .option('--target <url>', 'base URL of the service under test')
    .addOption(repeatable('--path <path>', "endpoint path, repeatable; 'METHOD /path' allowed"))
    .option('--rate <n>', 'open model: constant arrival rate, requests/s')
    .option('--connections <n>', 'closed model: concurrent virtual users')
    .option('--duration <d>', 'measured duration, e.g. 30s')
    .option('--warmup <d>', 'warmup before measuring, e.g. 5s')
    .option('--timeout <d>', 'per-request timeout, e.g. 10s')
    .option('--seed <n>', 'seed of the endpoint mix')
    .option('--out <file>', `where to write the RunResult (default ${DEFAULT_OUT})`)
    .addOption(new Option('--format <format>', 'report format').choices(REPORT_FORMATS))
    .option('--report-out <file>', 'write the report to a file instead of stdout')
    .option('--quiet', 'no live line or summary; only errors')
    .addOption(new Option('--fail-on <level>', 'what makes exit code 1').choices(FAIL_ON_LEVELS))
    .option('--pg <dsn>', 'PostgreSQL primary DSN')
    .addOption(repeatable('--pg-replica <dsn>', 'PostgreSQL replica DSN, repeatable'))
    .option('--pgbouncer <dsn>', 'pgbouncer admin console DSN')
    .addOption(repeatable('--redis <url>', 'Redis URL, repeatable'))
    .option('--celery-redis <url>', 'Redis broker of Celery')
    .option('--rabbitmq <url>', 'RabbitMQ broker (amqp://)')
    .addOption(repeatable('--queue <name>', 'queue name, repeatable'))
    .addOption(repeatable('--slo <name=value>', 'SLO, e.g. p95=300ms, error_rate=1%; repeatable'))
    .addOption(repeatable('--header <header>', "'Name: value', repeatable"))
    .option('--workers <n>', 'worker threads (default: number of cores)')
    .option('--shard <i/N>', 'run shard i of N (distributed load)')
    .option('--insecure', 'TLS: accept self-signed certificates')
    .option('--dry-run', 'print the plan and send nothing');
}

export function registerRun(program: Command): void {
  addRunOptions(
    program.command('run').description('run load against the target, sample sources and audit the result'),
  ).action(async (flags: RunFlags) => {
    process.exitCode = await runCommand(flags);
  });
}

export function configFromFlags(flags: RunFlags): Config {
  return loadConfig(locateConfig(flags.config), flagsToConfig(flags));
}

export async function runCommand(flags: RunFlags, prepare?: (config: Config) => Config): Promise<number> {
  let config = configFromFlags(flags);
  if (prepare) config = prepare(config);
  checkDrillSchedule(config);
  validateCheckOverrides(config);
  if (flags.dryRun) {
    process.stdout.write(formatPlan(config));
    return EXIT.ok;
  }
  return executeAndReport(config, { quiet: flags.quiet === true, out: flags.out ?? config.out ?? DEFAULT_OUT });
}

export async function executeAndReport(config: Config, opts: { quiet: boolean; out: string }): Promise<number> {
  const live = shouldShowLive(process.stderr, opts.quiet);
  let stopLive: (() => void) | undefined;
  const handle = startRun(config, {
    log: (line) => {
      if (!opts.quiet) process.stderr.write(`${live ? '\r\x1b[2K' : ''}${line}\n`);
    },
    onStart: (progress, totalS) => {
      if (live) stopLive = startLiveLine(process.stderr, progress, totalS);
    },
  });
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (interrupted) process.exit(EXIT.interrupted);
    interrupted = true;
    if (!opts.quiet) process.stderr.write(`\n${signal}: stopping the load, writing the partial result…\n`);
    handle.stop('interrupted');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let result: RunResult;
  try {
    result = await handle.result;
  } finally {
    stopLive?.();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  writeJsonAtomic(opts.out, result);
  const code = deliverRunReport(result, config, opts.quiet === true);
  if (!opts.quiet) process.stderr.write(`run.json written to ${opts.out}${result.partial ? ' (partial)' : ''}\n`);
  return interrupted ? EXIT.interrupted : code;
}
