/**
 * The drill's schedule from `--action '<at>:<command>'` and `--recover '<at>:<command>'` (the n-th recovery
 * belongs to the n-th action), and the checks a schedule must pass before any load is sent.
 */
import type { Config, DrillAction } from '../config/schema.js';
import { drillActionSchema } from '../config/schema.js';
import { parseDuration } from '../config/units.js';
import { ConfigError } from '../errors.js';

export interface DrillFlags {
  action?: string[];
  recover?: string[];
}

export const DEFAULT_CONSECUTIVE = 3;

/** `30s:kill 1234` → { at: "30s", run: "kill 1234" }; a bare number is seconds. */
export function parseTimedCommand(flag: string, raw: string): { at: string; run: string } {
  const i = raw.indexOf(':');
  const at = i > 0 ? raw.slice(0, i).trim() : '';
  const run = i > 0 ? raw.slice(i + 1).trim() : '';
  if (!at || !run || parseDuration(at) === undefined) {
    throw new ConfigError(`--${flag}: expected '<at>:<command>' like '30s:kill 1234', got ${JSON.stringify(raw)}`);
  }
  return { at, run };
}

export function actionsFromFlags(flags: DrillFlags): DrillAction[] {
  const actions = (flags.action ?? []).map((raw) => parseTimedCommand('action', raw));
  const recovers = (flags.recover ?? []).map((raw) => parseTimedCommand('recover', raw));
  if (recovers.length > actions.length) {
    throw new ConfigError(
      `--recover: ${recovers.length} recovery command(s) but ${actions.length} --action; each --recover pairs ` +
        `with the --action in the same position`,
    );
  }
  return actions.map((a, i) => drillActionSchema.parse({ ...a, ...(recovers[i] ? { recover: recovers[i] } : {}) }));
}

/** The config with the flags' actions (they replace the config's drill.actions), checked. */
export function withDrillFlags(config: Config, flags: DrillFlags): Config {
  const fromFlags = actionsFromFlags(flags);
  const actions = fromFlags.length > 0 ? fromFlags : (config.drill?.actions ?? []);
  if (actions.length === 0) {
    throw new ConfigError(
      "drill: no action to run: give --action '<at>:<command>' (e.g. --action '30s:kill 1234') " +
        'or drill.actions in the config',
    );
  }
  const drilled: Config = {
    ...config,
    drill: { actions, consecutive: config.drill?.consecutive ?? DEFAULT_CONSECUTIVE },
  };
  checkDrillSchedule(drilled);
  return drilled;
}

/** A fault must fall within the measured load and a recovery must not come before its fault. */
export function checkDrillSchedule(config: Config): void {
  const measuredMs = config.load.stages ? config.load.stages.reduce((a, s) => a + s.duration, 0) : config.load.duration;
  (config.drill?.actions ?? []).forEach((a, i) => {
    if (a.at >= measuredMs) {
      throw new ConfigError(
        `drill.actions[${i}].at: ${a.at / 1000} s is not before the end of the load (${measuredMs / 1000} s ` +
          `measured), so it would never run`,
      );
    }
    if (a.recover && a.recover.at < a.at) {
      throw new ConfigError(
        `drill.actions[${i}].recover.at: ${a.recover.at / 1000} s is before its action at ${a.at / 1000} s`,
      );
    }
  });
}
