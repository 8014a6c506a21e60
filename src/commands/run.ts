import type { Command } from 'commander';
import { addHistoryOptions, addOutputOptions, addSloOption, addSourceOptions, addTargetOptions } from './options.js';
import { flagsToConfig, type RunFlags } from '../config/flags.js';
import { loadConfig, locateConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { startRun } from '../run/pipeline.js';
import { writeJsonAtomic } from '../result/write-result.js';
import type { RunResult } from '../result/run-result.js';
import { shouldShowLive, startLiveLine } from '../ui/live-line.js';
import { deliverRunReport } from './output.js';
import { formatPlan } from './dry-run.js';
import { ConfigError, EXIT } from '../errors.js';
import { traceFlows } from '../flow/trace.js';
import { buildEnginePlan } from '../load/plan/plan.js';
import { checkHistory, historyFile, recordResult } from './history-record.js';
import { checkDrillSchedule } from '../drill/schedule-flags.js';
import { validateCheckOverrides } from '../audit/index.js';
import { plannedRate } from '../calibrate/calibration.js';
import { planVerdict } from '../calibrate/render.js';
import { DEFAULT_CALIBRATE } from '../calibrate/run-calibration.js';
import { calibrateFor } from './calibrate.js';

export const DEFAULT_OUT = 'run.json';

/** The flags of `run` (docs/architecture.md stable surface) and the history flags; `drill` reuses them. */
export function addRunOptions(cmd: Command): Command {
  addTargetOptions(cmd)
    .option('--rate <n>', 'open model: constant arrival rate, requests/s')
    .option('--connections <n>', 'closed model: concurrent virtual users')
    .option('--duration <d>', 'measured duration, e.g. 30s')
    .option('--warmup <d>', 'warmup before measuring, e.g. 5s')
    .option('--shard <i/N>', 'run shard i of N (distributed load)')
    .option('--metrics-port <n>', 'serve live OpenMetrics at http://127.0.0.1:N/metrics during the run')
    .option('--prometheus-rw <url>', 'push live metrics to a Prometheus remote-write URL (and once more at exit)')
    .option('--trace', 'run one iteration of each flow and print every request and response (secrets masked)')
    .option('--calibrate', "first measure what this machine's generator holds (scale-audit calibrate), record it");
  return addHistoryOptions(addOutputOptions(addSloOption(addSourceOptions(cmd)), DEFAULT_OUT));
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
  if (flags.trace) return traceCommand(config);
  const history = historyFile(flags.history, config.history);
  checkHistory(history);
  return executeAndReport(config, {
    quiet: flags.quiet === true,
    out: flags.out ?? config.out ?? DEFAULT_OUT,
    history,
    ...(flags.label !== undefined ? { label: flags.label } : {}),
    ...(flags.calibrate ? { calibrate: true } : {}),
  });
}

/** `--trace`: exit 0 when every step of one iteration of each flow succeeded, 1 otherwise. */
async function traceCommand(config: Config): Promise<number> {
  if (!config.flows.length) throw new ConfigError('--trace: the config has no flows to trace');
  const ok = await traceFlows(buildEnginePlan(config), (line) => process.stdout.write(`${line}\n`));
  return ok ? EXIT.ok : EXIT.gate;
}

export interface ExecuteOptions {
  quiet: boolean;
  out: string;
  /** The history store to record the result in; null or absent: none. */
  history?: string | null;
  label?: string;
  /** Calibrate the generator before the run and record `generator.calibrated_max_rate`. */
  calibrate?: boolean;
}

/**
 * `--calibrate`: the calibration of `scale-audit calibrate`, searching no higher than twice the plan's peak rate
 * (enough to say whether the plan fits); a plan above what the machine held is a warning before any load.
 */
async function calibrateBefore(config: Config, quiet: boolean): Promise<number> {
  const planned = plannedRate(config);
  const settings = planned === null ? DEFAULT_CALIBRATE : { ...DEFAULT_CALIBRATE, max: Math.max(1, 2 * planned) };
  const calibration = await calibrateFor(config, settings, quiet);
  const verdict = planVerdict(calibration);
  if (calibration.plan_fits === false) process.stderr.write(`scale-audit: warning: ${verdict}\n`);
  else if (!quiet) process.stderr.write(`calibrated: ${verdict}\n`);
  return calibration.max_rate;
}

export async function executeAndReport(config: Config, opts: ExecuteOptions): Promise<number> {
  const calibrated = opts.calibrate ? await calibrateBefore(config, opts.quiet) : undefined;
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
  if (calibrated !== undefined)
    result = { ...result, generator: { ...result.generator, calibrated_max_rate: calibrated } };
  writeJsonAtomic(opts.out, result);
  const code = deliverRunReport(result, config, opts.quiet === true);
  if (!opts.quiet) process.stderr.write(`run.json written to ${opts.out}${result.partial ? ' (partial)' : ''}\n`);
  recordResult(result, opts.history ?? null, result.drill ? 'drill' : 'run', {
    quiet: opts.quiet,
    ...(opts.label !== undefined ? { label: opts.label } : {}),
  });
  return interrupted ? EXIT.interrupted : code;
}
