/**
 * The whole result of a capacity search as one RunResult, so `report`, `compare` and `merge` read it like any
 * run: the step at the answer (its confirmation hold when there was one) gives the summary, timeline, sources
 * and findings; `capacity` holds the search; the gates are the capacity gate. Pure.
 */
import type { Config } from '../config/schema.js';
import type { RunResult } from '../result/run-result.js';
import { capacityGates } from './gate.js';
import { capacitySlo } from './judge-step.js';
import type { CapacitySettings } from './settings.js';
import { capacityStep, summarizeCapacity, type CapacityOutcome, type ExecutedStep } from './summarize.js';

export function capacityRunResult(
  outcome: CapacityOutcome,
  config: Config,
  settings: CapacitySettings,
  minRate?: number,
): RunResult {
  const steps = outcome.executed.map(capacityStep);
  const capacity = summarizeCapacity({
    steps,
    answer: outcome.answer,
    slo: capacitySlo(config.slo),
    search: {
      start: settings.search.start,
      ceiling: settings.search.ceiling,
      ceiling_by: settings.search.ceilingBy,
      precision: settings.search.precision,
      step_s: settings.stepMs / 1000,
      settle_s: settings.settleMs / 1000,
      cooldown_s: settings.cooldownMs / 1000,
      confirm_s: settings.confirmMs / 1000,
    },
    ...(minRate !== undefined ? { minRate } : {}),
  });
  const base = representative(outcome.executed, capacity.max_rate).result;
  const partial = outcome.answer === undefined;
  const { stop_reason: _stepStop, ...rest } = base;
  return {
    ...rest,
    partial,
    ...(partial ? { stop_reason: base.stop_reason ?? 'interrupted' } : {}),
    config: { ...base.config, ...(config.capacity ? { capacity: config.capacity } : {}) },
    capacity,
    gates: capacityGates(capacity),
  };
}

/** The step that stands for the search: the confirmation at the answer, else the last step at it, else the last. */
function representative(executed: readonly ExecutedStep[], maxRate: number | null): ExecutedStep {
  const passing = executed.filter((s) => s.judged.verdict === 'pass');
  const atAnswer = passing.filter((s) => s.rate === maxRate);
  const best = passing.length ? passing.reduce((a, b) => (b.rate >= a.rate ? b : a)) : undefined;
  return atAnswer.find((s) => s.confirmation) ?? atAnswer.at(-1) ?? best ?? executed.at(-1)!;
}
