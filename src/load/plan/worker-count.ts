/**
 * How many worker threads a run uses. `--workers N` (default: the number of cores) is an upper bound:
 * - closed model: at most one worker per virtual user (1 connection → 1 worker);
 * - open model: each worker carries at least MIN_RATE_PER_WORKER req/s at the peak of the schedule, so a run
 *   below 2 × 25 = 50 req/s stays on one thread (its timing is better on one loop than spread thin).
 */
import { availableParallelism } from 'node:os';
import type { EnginePlan } from '../engine.js';
import { peakRate } from './split-plan.js';

export const MIN_RATE_PER_WORKER = 25;

export function resolveWorkers(plan: EnginePlan, requested: number = availableParallelism()): number {
  const m = plan.model;
  const useful = m.kind === 'closed' ? m.connections : Math.floor(peakRate(m.segments) / MIN_RATE_PER_WORKER);
  return Math.max(1, Math.min(Math.floor(requested), useful));
}
