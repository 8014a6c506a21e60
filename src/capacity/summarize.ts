/**
 * The capacity section of run.json from the executed steps and the search's answer: the step table, the
 * limiting signals at the knee, the concurrency there (Little's law) and the USL fit over the passing steps.
 * Pure.
 */
import type { SloConfig } from '../config/schema.js';
import type { Evidence } from '../result/evidence.js';
import type { CapacityResult, CapacityStep, RunResult } from '../result/run-result.js';
import type { JudgedStep } from './judge-step.js';
import { concurrencyOf } from './littles-law.js';
import { rankSaturation, type LimitingSignal } from './saturation.js';
import { bracketOf, type SearchAnswer } from './search.js';
import { stepSignals } from './step-signals.js';
import { fitUsl } from './usl.js';

export interface ExecutedStep {
  rate: number;
  confirmation: boolean;
  settleS: number;
  holdS: number;
  result: RunResult;
  judged: JudgedStep;
}

/** What the search ran: every step with its result, and the answer (undefined when it was stopped first). */
export interface CapacityOutcome {
  executed: ExecutedStep[];
  answer?: SearchAnswer;
}

export function capacityStep(step: ExecutedStep): CapacityStep {
  const { figures } = step.judged;
  const meanMs = step.result.summary.service_time_ms.mean;
  return {
    rate: step.rate,
    achieved_rps: figures.achieved_rps,
    p50_ms: figures.p50_ms,
    p95_ms: figures.p95_ms,
    p99_ms: figures.p99_ms,
    error_rate: figures.error_rate,
    passed: step.judged.verdict === 'pass',
    verdict: step.judged.verdict,
    reason: step.judged.reason,
    ...(step.confirmation ? { confirmation: true } : {}),
    settle_s: step.settleS,
    hold_s: step.holdS,
    concurrency: concurrencyOf(figures.achieved_rps, meanMs),
    mean_service_ms: meanMs,
    signals: stepSignals(step.result),
    evidence: stepEvidence(step.result.evidence),
  };
}

/** The evidence a step keeps: every tier's figures, without the long per-statement and per-table lists. */
export function stepEvidence(e: Evidence): Evidence {
  const out: Evidence = {};
  if (e.db) {
    const { statements: _s, tables: _t, per_endpoint: _p, ...db } = e.db;
    out.db = db;
  }
  if (e.cache) out.cache = e.cache;
  if (e.queues) out.queues = e.queues;
  if (e.web) out.web = e.web;
  return out;
}

export interface SummaryInput {
  steps: readonly CapacityStep[];
  /** The search's answer, or undefined when it was interrupted before it ended. */
  answer: SearchAnswer | undefined;
  slo: SloConfig;
  search: CapacityResult['search'];
  minRate?: number;
}

export function summarizeCapacity(input: SummaryInput): CapacityResult {
  const { steps, answer } = input;
  const status = answer?.status ?? 'interrupted';
  const judged = steps.flatMap((s) =>
    s.verdict === 'pass' || s.verdict === 'fail' ? [{ ...s, verdict: s.verdict }] : [],
  );
  const sofar = bracketOf(judged);
  const lo = answer ? answer.bracket[0] : sofar.lo;
  const hi = answer ? answer.bracket[1] : sofar.hi;
  const kneeStep = atRate(steps, answer?.max_rate ?? lo);
  const concurrency = kneeStep ? kneeStep.concurrency : null;
  return {
    status,
    max_rate: answer?.max_rate ?? null,
    bracket: [lo ?? null, hi ?? null],
    confirmed: answer?.confirmed ?? false,
    reason: answer?.reason ?? 'interrupted before the search ended',
    slo: sloFigures(input.slo),
    limited_by: limits(steps, status, answer, hi, concurrency),
    concurrency_at_knee: concurrency,
    usl: fitUsl(steps.filter((s) => s.passed).map((s) => ({ n: s.concurrency, x: s.achieved_rps }))),
    ...(input.minRate !== undefined ? { min_rate: input.minRate } : {}),
    search: input.search,
    steps: [...steps],
  };
}

function limits(
  steps: readonly CapacityStep[],
  status: CapacityResult['status'],
  answer: SearchAnswer | undefined,
  hi: number | null | undefined,
  concurrency: number | null,
): LimitingSignal[] {
  if (status === 'inconclusive')
    return [{ signal: 'generator', tier: 'generator', detail: answer?.reason ?? 'the load generator is the limit' }];
  if (hi === null || hi === undefined) return [];
  const ranked = steps
    .filter((s) => s.verdict === 'pass' || s.verdict === 'fail')
    .map((s) => ({ rate: s.rate, passed: s.passed, signals: s.signals }));
  return rankSaturation(ranked, hi, concurrency ?? undefined);
}

/** The step that stands for a rate: its confirmation hold when there was one, else its latest step. */
function atRate(steps: readonly CapacityStep[], rate: number | null | undefined): CapacityStep | undefined {
  if (rate === null || rate === undefined) return undefined;
  const at = steps.filter((s) => s.rate === rate && s.passed);
  return at.find((s) => s.confirmation) ?? at.at(-1);
}

function sloFigures(slo: SloConfig): CapacityResult['slo'] {
  const out: CapacityResult['slo'] = {};
  for (const key of ['p50', 'p90', 'p95', 'p99', 'error_rate'] as const)
    if (slo[key] !== undefined) out[key] = slo[key];
  return out;
}
