/**
 * What `scale-audit calibrate` reports (its --json shape) and the pure parts of it: the rate a plan asks for,
 * whether a step held, and whether the plan fits what the machine held.
 */
import type { Config } from '../config/schema.js';
import type { LoadOutcome } from '../load/engine.js';

/** A step is held when it answered within 1 % of its rate and the generator kept its schedule. */
export const HELD_WITHIN = 0.01;

export interface CalibrationStep {
  rate: number;
  achieved_rps: number;
  lagged: boolean;
  held: boolean;
  /** Why it was not held. */
  reason?: string;
}

export interface CalibrationFloor {
  model: 'open' | 'closed';
  rate?: number;
  connections?: number;
  duration_s: number;
  requests: number;
  /** Latency against the null server: what the generator (and the loopback) add to every request. */
  added_latency_ms: { p50: number; p99: number };
  event_loop_delay_ms: { p50: number; p99: number; max: number };
  schedule_lag_ms: { p50: number; p99: number; max: number };
  lagged: boolean;
}

export interface Calibration {
  version: 1;
  workers: number;
  floor: CalibrationFloor;
  /** The highest open rate held within 1 % without lag (0: none). */
  max_rate: number;
  /** The search stopped at --max: the machine may hold more. */
  ceiling_reached: boolean;
  steps: CalibrationStep[];
  /** The open-model rate the configured plan peaks at; null for the closed model. */
  planned_rate: number | null;
  /** planned_rate ≤ max_rate; null when there is no planned rate. */
  plan_fits: boolean | null;
}

/** The peak rate of the configured open model (constant or staged); null for the closed model. */
export function plannedRate(config: Config): number | null {
  const load = config.load;
  if (load.stages) return Math.max(load.start_rate, ...load.stages.map((s) => s.rate));
  return load.rate ?? null;
}

export function judgeStep(rate: number, outcome: Pick<LoadOutcome, 'summary' | 'generator'>): CalibrationStep {
  const achieved = outcome.summary.rps;
  const lagged = outcome.generator.lagged;
  const short = achieved < rate * (1 - HELD_WITHIN);
  const step: CalibrationStep = { rate, achieved_rps: achieved, lagged, held: !lagged && !short };
  if (lagged) step.reason = outcome.generator.reason ?? 'the generator lagged';
  else if (short) step.reason = `answered ${achieved} of ${rate} req/s`;
  return step;
}

export function planFits(planned: number | null, maxRate: number): boolean | null {
  return planned === null ? null : planned <= maxRate;
}
