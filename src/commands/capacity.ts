/** `scale-audit capacity`: the highest rate that meets the SLO, and what saturates first. */
import type { Command } from 'commander';
import { EXIT } from '../errors.js';
import { capacityFlagsToConfig, flagsToConfig, type CapacityFlags, type RunFlags } from '../config/flags.js';
import type { Config } from '../config/schema.js';
import { loadConfig, locateConfig } from '../config/load.js';
import { formatDuration } from '../util/format.js';
import { validateCheckOverrides } from '../audit/index.js';
import { capacitySettings, type CapacitySettings } from '../capacity/settings.js';
import { capacityPlan } from '../capacity/plan.js';
import { capacitySlo } from '../capacity/judge-step.js';
import { sloText } from '../capacity/render.js';
import { stepConfig } from '../capacity/step-config.js';
import { capacityRunResult } from '../capacity/capacity-run-result.js';
import { resolveMinRate } from '../capacity/min-rate.js';
import { readRunResult } from '../result/read-result.js';
import type { CapacityOutcome } from '../capacity/summarize.js';
import { startCapacitySearch } from '../run/capacity-search.js';
import { hasQueueSources } from '../sources/index.js';
import { writeJsonAtomic } from '../result/write-result.js';
import { shouldShowLive, startLiveLine } from '../ui/live-line.js';
import { deliverRunReport } from './output.js';
import { checkHistory, historyFile, recordResult } from './history-record.js';
import { addCapacityOptions } from './options.js';
import { formatPlan } from './dry-run.js';

export const DEFAULT_CAPACITY_OUT = 'capacity.json';

export function registerCapacity(program: Command): void {
  addCapacityOptions(
    program.command('capacity').description('find the highest rate that meets the SLO, and what saturates first'),
  ).action(async (flags: RunFlags & CapacityFlags) => {
    process.exitCode = await capacityCommand(flags);
  });
}

export async function capacityCommand(flags: RunFlags & CapacityFlags): Promise<number> {
  const config = loadConfig(locateConfig(flags.config), { ...flagsToConfig(flags), ...capacityFlagsToConfig(flags) });
  validateCheckOverrides(config);
  const settings = capacitySettings(config);
  const baseline = config.capacity?.baseline;
  const minRate = resolveMinRate(config.capacity?.min_rate, baseline ? readRunResult(baseline) : undefined);
  if (flags.dryRun) {
    process.stdout.write(formatCapacityPlan(config, settings, minRate));
    return EXIT.ok;
  }
  const out = flags.out ?? config.out ?? DEFAULT_CAPACITY_OUT;
  const history = historyFile(flags.history, config.history);
  checkHistory(history);
  const label = flags.label;
  return searchAndReport(config, settings, { quiet: flags.quiet === true, out, minRate, history, label });
}

async function searchAndReport(
  config: Config,
  settings: CapacitySettings,
  opts: {
    quiet: boolean;
    out: string;
    minRate: number | undefined;
    history: string | null;
    label: string | undefined;
  },
): Promise<number> {
  const live = shouldShowLive(process.stderr, opts.quiet);
  let stopLive: (() => void) | undefined;
  const say = (line: string): void => {
    if (!opts.quiet) process.stderr.write(`${live ? '\r\x1b[2K' : ''}${line}\n`);
  };
  const handle = startCapacitySearch(config, settings, {
    log: say,
    onStep: (step) => (progress, totalS) => {
      stopLive?.();
      const label = `step ${step.index} · ${step.rate} req/s${step.confirmation ? ' (confirmation)' : ''}`;
      if (live) stopLive = startLiveLine(process.stderr, progress, totalS, label);
    },
  });
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (interrupted) process.exit(EXIT.interrupted);
    interrupted = true;
    say(`\n${signal}: stopping the search, writing the partial result…`);
    handle.stop('interrupted');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let outcome: CapacityOutcome;
  try {
    outcome = await handle.outcome;
  } finally {
    stopLive?.();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
  if (outcome.executed.length === 0) return EXIT.interrupted;
  const result = capacityRunResult(outcome, config, settings, opts.minRate);
  writeJsonAtomic(opts.out, result);
  const code = deliverRunReport(result, config, opts.quiet);
  say(`capacity result written to ${opts.out}${result.partial ? ' (partial)' : ''}`);
  recordResult(result, opts.history, 'capacity', {
    quiet: opts.quiet,
    ...(opts.label !== undefined ? { label: opts.label } : {}),
  });
  return interrupted ? EXIT.interrupted : code;
}

/** `--dry-run`: the steps the search may take, the longest it can run, and the run each step is. */
export function formatCapacityPlan(config: Config, settings: CapacitySettings, minRate?: number): string {
  const s = settings.search;
  const slo = capacitySlo(config.slo);
  const drainMs = config.load.timeout + (hasQueueSources(config) ? config.sources.drain_timeout : 0);
  const plan = capacityPlan(s, {
    settleS: settings.settleMs / 1000,
    holdS: settings.stepMs / 1000,
    confirmS: settings.confirmMs / 1000,
    cooldownS: settings.cooldownMs / 1000,
    drainS: drainMs / 1000,
  });
  const d = (ms: number): string => formatDuration(ms);
  const ceilingBy = s.ceilingBy === 'max' ? '--max' : 'limits.max_rate';
  const precision = Number((s.precision * 100).toFixed(2));
  const drain = hasQueueSources(config) ? ' and queue drain' : '';
  const lines = [
    `capacity    open-model steps under ${sloText(slo)}, achieved ≥ 97 %, queues not growing`,
    `growth      ${plan.growth.join(', ')} req/s (×2 until a step fails; ceiling ${s.ceiling} by ${ceilingBy})`,
    `bisection   until the bracket is within ${precision} %: at most ${plan.maxSteps} steps in all`,
    `each step   settle ${d(settings.settleMs)} + hold ${d(settings.stepMs)} + cooldown ${d(settings.cooldownMs)}`,
    `confirm     ${s.confirm ? `${d(settings.confirmMs)} at the answer` : 'none (--confirm 0)'}`,
    ...(minRate !== undefined ? [`gate        exit 1 below ${minRate} req/s confirmed`] : []),
    `longest     ≈ ${d(plan.longestS * 1000)}; ` +
      `at most ${d(plan.boundS * 1000)} if every step waits out its timeout${drain}`,
    '',
    'each step runs like this (the first):',
  ];
  const first = stepConfig(config, slo, plan.growth[0]!, settings.settleMs, settings.stepMs);
  return `${lines.join('\n')}\n${formatPlan(first)}`;
}
