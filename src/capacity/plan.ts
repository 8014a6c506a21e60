/**
 * `capacity --dry-run`: the steps the search may take and the longest it can run, found by replaying the
 * search itself against the worst capacities (just under each doubling, and beyond the ceiling). Pure.
 */
import { nextAction, type SearchOptions, type SearchStep } from './search.js';

export interface StepTimes {
  settleS: number;
  holdS: number;
  confirmS: number;
  cooldownS: number;
  /** At most this much more per step: in-flight requests finishing (timeout) and queues draining. */
  drainS: number;
}

export interface CapacityPlan {
  growth: number[];
  /** The most steps (confirmation excluded) any capacity can make the search take. */
  maxSteps: number;
  /** Typical time of the longest search (no step waits for its drain), and the bound with every drain. */
  longestS: number;
  boundS: number;
}

export function capacityPlan(options: SearchOptions, times: StepTimes): CapacityPlan {
  const growth = growthRates(options);
  const candidates = [...growth.map((g) => g * 0.999), options.ceiling * 2, growth[0]! / 2.5];
  const runs = candidates.map((c) => replay(options, (rate) => rate <= c));
  const worst = runs.reduce((a, b) => (duration(b, times, 0) > duration(a, times, 0) ? b : a));
  return {
    growth,
    maxSteps: Math.max(...runs.map((r) => r.filter((s) => !s.confirmation).length)),
    longestS: duration(worst, times, 0),
    boundS: duration(worst, times, times.drainS),
  };
}

function growthRates(options: SearchOptions): number[] {
  const rates = [Math.min(options.start, options.ceiling)];
  while (rates.at(-1)! < options.ceiling) rates.push(Math.min(rates.at(-1)! * 2, options.ceiling));
  return rates;
}

function replay(options: SearchOptions, passes: (rate: number) => boolean): SearchStep[] {
  const steps: SearchStep[] = [];
  for (let action = nextAction(options, steps); action.kind === 'step'; action = nextAction(options, steps))
    steps.push({
      rate: action.rate,
      confirmation: action.confirmation,
      verdict: passes(action.rate) ? 'pass' : 'fail',
    });
  return steps;
}

function duration(steps: readonly SearchStep[], t: StepTimes, drainS: number): number {
  return steps.reduce((sum, s) => sum + t.settleS + (s.confirmation ? t.confirmS : t.holdS) + t.cooldownS + drainS, 0);
}
