/**
 * The rate the capacity gate asks for: a number, or a multiple of a stored baseline's rate ("6x" of the
 * traffic a run.json recorded: the playbook's TV spike; or of a stored search's capacity). Pure.
 */
import { ConfigError } from '../errors.js';
import type { RunResult } from '../result/run-result.js';

export function resolveMinRate(spec: number | string | undefined, baseline?: RunResult): number | undefined {
  if (spec === undefined || typeof spec === 'number') return spec;
  const factor = Number(spec.slice(0, -1));
  if (!baseline) throw new ConfigError(`capacity.min_rate: "${spec}" multiplies a baseline: pass --baseline FILE`);
  const rate = baselineRate(baseline);
  if (!(rate > 0)) throw new ConfigError('capacity.baseline: the stored result has no rate to multiply');
  return Number((factor * rate).toFixed(2));
}

/** A stored search's capacity, else the throughput a run achieved. */
export function baselineRate(baseline: RunResult): number {
  return baseline.capacity?.max_rate ?? baseline.summary.rps;
}
