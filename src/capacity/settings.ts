/** The search settings from the validated config (`capacity:` words and flags), with their defaults. Pure. */
import type { Config } from '../config/schema.js';
import type { SearchOptions } from './search.js';

export interface CapacitySettings {
  search: SearchOptions;
  stepMs: number;
  settleMs: number;
  cooldownMs: number;
  confirmMs: number;
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

export function capacitySettings(config: Config): CapacitySettings {
  const c = config.capacity ?? { start: 50, max: 5000, step: 20_000, precision: 0.05 };
  const cap = config.limits.max_rate;
  const byLimits = cap !== undefined && cap < c.max;
  return {
    search: {
      start: c.start,
      ceiling: byLimits ? cap : c.max,
      ceilingBy: byLimits ? 'limits.max_rate' : 'max',
      precision: c.precision,
      confirm: (c.confirm ?? 2 * c.step) > 0,
    },
    stepMs: c.step,
    settleMs: c.settle ?? clamp(c.step / 4, 1000, 10_000),
    cooldownMs: c.cooldown ?? clamp(c.step / 4, 1000, 5000),
    confirmMs: c.confirm ?? 2 * c.step,
  };
}
