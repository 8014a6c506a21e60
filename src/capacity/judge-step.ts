/**
 * One step of the capacity search, judged over its steady part (after the settle): the SLOs hold, the target
 * completed ≥ 97 % of the step's rate (no backlog), and the watched queues did not grow. A failed step the
 * generator could not drive is inconclusive, never a failure of the target. Pure.
 */
import type { SloConfig } from '../config/schema.js';
import type { RunResult } from '../result/run-result.js';
import { spanFigures, type JudgedFigures } from '../audit/window.js';
import { formatMs, formatPercent } from '../util/format.js';

export type StepJudgement = 'pass' | 'fail' | 'inconclusive' | 'interrupted';

/** Completed ÷ asked below this over the steady part is a backlog. */
export const MIN_ACHIEVED = 0.97;
/** A generator above this share of a core is starved: its steps cannot be judged. */
const GENERATOR_CPU_LIMIT = 0.95;

export interface StepWindow {
  rate: number;
  /** Seconds of the step's timeline before the steady part. */
  settleS: number;
  /** Seconds of the steady part. */
  holdS: number;
}

export interface StepFigures {
  achieved_rps: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  error_rate: number;
  requests: number;
}

export interface JudgedStep {
  verdict: StepJudgement;
  /** Every limit the step broke, or what it held when it passed. */
  reason: string;
  figures: StepFigures;
}

type Percentile = 'p50' | 'p90' | 'p95' | 'p99';
const PERCENTILES: readonly Percentile[] = ['p50', 'p90', 'p95', 'p99'];

/** The SLO a capacity step must meet: the config's, or p95 ≤ 300 ms and error rate ≤ 1 % when it sets none. */
export function capacitySlo(slo: SloConfig): SloConfig {
  const set = PERCENTILES.some((p) => slo[p] !== undefined) || slo.error_rate !== undefined;
  return set ? slo : { ...slo, p95: 300, error_rate: 0.01 };
}

/** Queue growth (messages/s, least-squares slope) that counts as "the consumers fall behind". */
export function queueGrowthLimit(rate: number): number {
  return Math.max(1, 0.03 * rate);
}

export function judgeStep(result: RunResult, window: StepWindow, slo: SloConfig): JudgedStep {
  const span = spanFigures(result, window.settleS, window.settleS + window.holdS);
  const figures = stepFigures(span);
  if (result.partial && !result.stop_reason?.startsWith('aborted'))
    return { verdict: 'interrupted', reason: result.stop_reason ?? 'stopped early', figures };
  const broken = [
    ...(result.stop_reason?.startsWith('aborted') ? [result.stop_reason] : []),
    ...sloBreaks(span, slo),
    ...endpointBreaks(result, slo),
    ...backlog(span, window.rate),
    ...queueGrowth(result, window.rate),
  ];
  if (broken.length && generatorVoids(result, slo)) {
    const why = result.generator.reason ?? 'schedule slipped';
    return {
      verdict: 'inconclusive',
      reason: `the generator could not drive it (${why}): ${broken.join('; ')}`,
      figures,
    };
  }
  if (broken.length) return { verdict: 'fail', reason: broken.join('; '), figures };
  return {
    verdict: 'pass',
    reason:
      `p95 ${formatMs(figures.p95_ms)}, errors ${formatPercent(figures.error_rate, 2)}, ` +
      `achieved ${formatPercent(figures.achieved_rps / window.rate, 0)}`,
    figures,
  };
}

/**
 * A lagging generator only adds to the latency it measures (from the intended send time), so a step that
 * passed anyway stands. A failed step is the generator's when it ran out of CPU, sent requests late or kept
 * them waiting for a socket by a good part of the latency budget, or reached its in-flight bound: then the step
 * is inconclusive, not the target's failure.
 */
export function generatorVoids(result: RunResult, slo: SloConfig): boolean {
  const g = result.generator;
  if (!g.lagged) return false;
  const budget = Math.min(...PERCENTILES.flatMap((p) => (slo[p] === undefined ? [] : [slo[p]!])), 300);
  const late = Math.max(g.schedule_lag_ms.p99, g.queue_ms?.p99 ?? 0);
  return g.cpu_ratio > GENERATOR_CPU_LIMIT || late > budget / 2 || g.limited_by === 'max_in_flight';
}

function stepFigures(span: JudgedFigures): StepFigures {
  return {
    achieved_rps: round(span.rps),
    p50_ms: span.latency_ms.p50,
    p95_ms: span.latency_ms.p95,
    p99_ms: span.latency_ms.p99,
    error_rate: round(span.error_rate, 4),
    requests: span.requests,
  };
}

function sloBreaks(span: JudgedFigures, slo: SloConfig): string[] {
  if (span.requests === 0) return ['no request completed in the steady part'];
  const out: string[] = [];
  for (const p of PERCENTILES) {
    const limit = slo[p];
    if (limit !== undefined && span.latency_ms[p] > limit)
      out.push(`${p} ${formatMs(span.latency_ms[p])} > ${formatMs(limit)}`);
  }
  if (slo.error_rate !== undefined && span.error_rate > slo.error_rate)
    out.push(`error rate ${formatPercent(span.error_rate, 2)} > ${formatPercent(slo.error_rate, 2)}`);
  return out;
}

/** Per-endpoint SLOs read the endpoint's whole step (the timeline is not kept per endpoint). */
function endpointBreaks(result: RunResult, slo: SloConfig): string[] {
  const out: string[] = [];
  for (const [name, limits] of Object.entries(slo.endpoints ?? {})) {
    const summary = result.endpoints[name]?.summary;
    if (!summary || summary.requests === 0) {
      out.push(`${name}: no completed request`);
      continue;
    }
    for (const p of PERCENTILES) {
      const limit = limits[p];
      if (limit !== undefined && summary.latency_ms[p] > limit)
        out.push(`${name} ${p} ${formatMs(summary.latency_ms[p])} > ${formatMs(limit)}`);
    }
    if (limits.error_rate !== undefined && summary.error_rate > limits.error_rate)
      out.push(`${name} error rate ${formatPercent(summary.error_rate, 2)} > ${formatPercent(limits.error_rate, 2)}`);
  }
  return out;
}

function backlog(span: JudgedFigures, rate: number): string[] {
  const share = span.rps / rate;
  return share < MIN_ACHIEVED
    ? [`achieved ${round(span.rps)} of ${rate} req/s (${formatPercent(share, 1)} < ${formatPercent(MIN_ACHIEVED, 0)})`]
    : [];
}

function queueGrowth(result: RunResult, rate: number): string[] {
  const slope = result.evidence.queues?.slope_per_s;
  const limit = queueGrowthLimit(rate);
  return slope !== undefined && slope > limit
    ? [`queues grew ${round(slope, 1)} msg/s (limit ${round(limit, 1)} msg/s)`]
    : [];
}

const round = (x: number, digits = 2): number => Number(x.toFixed(digits));
