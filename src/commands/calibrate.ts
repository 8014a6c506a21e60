/**
 * `scale-audit calibrate`: can this machine drive this plan? The configured load model (or --rate / --connections)
 * against a built-in loopback null server: the generator's own floor, and the highest open rate it held within
 * 1 % without lag with the configured workers. Exit 1 when the plan's rate is above what it held.
 */
import type { Command } from 'commander';
import { flagsToConfig, type RunFlags } from '../config/flags.js';
import { loadConfig, locateConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { parseDuration } from '../config/units.js';
import { ConfigError, EXIT } from '../errors.js';
import type { Calibration } from '../calibrate/calibration.js';
import { renderCalibration, stepLine } from '../calibrate/render.js';
import { DEFAULT_CALIBRATE, runCalibration, type CalibrateSettings } from '../calibrate/run-calibration.js';

interface CalibrateFlags extends Pick<RunFlags, 'config' | 'rate' | 'connections' | 'workers' | 'quiet'> {
  duration?: string;
  start?: string;
  max?: string;
  json?: boolean;
}

const positive = (flag: string, text: string | undefined, fallback: number): number => {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!(n > 0) || !Number.isFinite(n)) throw new ConfigError(`--${flag}: expected a positive number, got ${text}`);
  return n;
};

export function calibrateSettings(flags: Pick<CalibrateFlags, 'duration' | 'start' | 'max'>): CalibrateSettings {
  const durationMs = flags.duration === undefined ? DEFAULT_CALIBRATE.durationMs : parseDuration(flags.duration);
  if (durationMs === undefined || !(durationMs > 0))
    throw new ConfigError(`--duration: expected a duration such as 2s, got ${flags.duration}`);
  return {
    durationMs,
    start: positive('start', flags.start, DEFAULT_CALIBRATE.start),
    max: positive('max', flags.max, DEFAULT_CALIBRATE.max),
  };
}

/** The calibration never reaches the target: a config without one is still a plan to calibrate. */
function calibrationConfig(flags: CalibrateFlags): Config {
  const { rate, connections, workers } = flags;
  const file = locateConfig(flags.config);
  const placeholder = file ? {} : { target: 'http://127.0.0.1', endpoints: [{ name: 'null', path: '/' }] };
  return loadConfig(file, { ...placeholder, ...flagsToConfig({ rate, connections, workers }) });
}

/** Runs a calibration and reports it on stderr as it goes (unless quiet): what `run --calibrate` calls too. */
export async function calibrateFor(config: Config, settings: CalibrateSettings, quiet: boolean): Promise<Calibration> {
  const say = (line: string): void => void (quiet ? undefined : process.stderr.write(`${line}\n`));
  say(`calibrating the load generator against a loopback null server (${settings.durationMs / 1000} s a step)…`);
  return runCalibration(config, settings, (step) => say(stepLine(step)));
}

export async function calibrateCommand(flags: CalibrateFlags): Promise<number> {
  const settings = calibrateSettings(flags);
  const calibration = await calibrateFor(
    calibrationConfig(flags),
    settings,
    flags.quiet === true || flags.json === true,
  );
  process.stdout.write(flags.json ? `${JSON.stringify(calibration, null, 2)}\n` : renderCalibration(calibration));
  return calibration.plan_fits === false ? EXIT.gate : EXIT.ok;
}

export function registerCalibrate(program: Command): void {
  program
    .command('calibrate')
    .description(
      "can this machine drive this plan? the generator's floor and the highest open rate it holds, against a " +
        'loopback null server',
    )
    .option('--config <file>', 'YAML or JSON config whose load model and workers to calibrate')
    .option('--rate <n>', 'open model: the planned rate, requests/s')
    .option('--connections <n>', 'closed model: concurrent virtual users')
    .option('--workers <n>', 'worker threads (default: as run)')
    .option('--duration <d>', 'length of the floor run and of each search step (default 2s)')
    .option('--start <n>', 'first rate of the search, req/s (default 1000)')
    .option('--max <n>', 'ceiling of the search, req/s (default 100000)')
    .option('--json', 'print the calibration as JSON')
    .option('--quiet', 'no progress on stderr')
    .action(async (flags: CalibrateFlags) => {
      process.exitCode = await calibrateCommand(flags);
    });
}
