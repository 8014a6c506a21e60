/**
 * `history trend`: one figure over recorded runs, each with its interval, and the runs where it changed,
 * judged by the same intervals and minimum effects as `compare` (each run against the one before it).
 */
import { readHistogram } from '../load/histogram.js';
import type { RunResult } from '../result/run-result.js';
import { ENDPOINT_LATENCY_RULE, ENDPOINT_TAIL_RULE } from '../compare/endpoints.js';
import { successRps } from '../audit/window.js';
import { latencyEstimate, shareOf, successEstimate, throughputEstimate } from '../compare/estimates.js';
import { ERROR_RATE_RULE, LATENCY_RULE, TAIL_RULE, THROUGHPUT_RULE } from '../compare/figures.js';
import { latencyAllowance, rateAllowances } from '../compare/generator-allowance.js';
import type { Estimate } from '../compare/intervals.js';
import { judgeEstimates, laggedRuns } from '../compare/judge.js';
import type { Better, EffectThreshold, Inconclusive, JudgementMethod, Verdict } from '../compare/judge.js';
import { judgeBeyondGenerator } from '../compare/judge-lagged.js';
import { runBlocks } from '../compare/traffic.js';
import { ConfigError } from '../errors.js';
import type { HistoryRow } from './query.js';

export const TREND_FIGURES = ['p50', 'p95', 'p99', 'success_rps', 'rps', 'error_rate'] as const;
export type TrendFigure = (typeof TREND_FIGURES)[number];

export interface TrendPoint {
  id: number;
  started_at: string;
  git_commit: string | null;
  label: string | null;
  value: number;
  low: number | null;
  high: number | null;
  /** success_rps only: the answered rate (successes and failures) beside it. */
  answered_rps?: number;
  /** Against the previous point; null for the first. */
  change: { verdict: Verdict; reason: string; inconclusive?: Inconclusive } | null;
}

export interface Trend {
  figure: TrendFigure;
  endpoint: string | null;
  unit: 'ms' | 'req/s' | 'ratio';
  confidence: number;
  points: TrendPoint[];
  /** Runs left out (the endpoint was not in them). */
  skipped: number[];
}

interface FigureRule {
  unit: Trend['unit'];
  better: Better;
  rule: EffectThreshold;
  method: JudgementMethod;
}

function ruleOf(figure: TrendFigure, endpoint: boolean): FigureRule {
  if (figure === 'rps' || figure === 'success_rps')
    return { unit: 'req/s', better: 'higher', rule: THROUGHPUT_RULE, method: 'rate-interval' };
  if (figure === 'error_rate')
    return { unit: 'ratio', better: 'lower', rule: ERROR_RATE_RULE, method: 'share-interval' };
  const tail = figure === 'p99';
  const rule = endpoint ? (tail ? ENDPOINT_TAIL_RULE : ENDPOINT_LATENCY_RULE) : tail ? TAIL_RULE : LATENCY_RULE;
  return { unit: 'ms', better: 'lower', rule, method: 'quantile-interval' };
}

/** The figure of one run (or one endpoint of it) with its interval; undefined when the endpoint is absent. */
function estimateOf(run: RunResult, figure: TrendFigure, endpoint: string | null, confidence: number) {
  const blocks = runBlocks(run);
  const e = endpoint === null ? null : run.endpoints[endpoint];
  if (e === undefined) return undefined;
  const summary = e ? e.summary : run.summary;
  if (figure === 'success_rps') return successEstimate(successRps(summary, run.duration_s), blocks, confidence);
  if (figure === 'rps') return throughputEstimate(summary.rps, blocks, confidence);
  if (figure === 'error_rate') return shareOf({ hits: summary.errors, total: summary.requests }, blocks, confidence);
  const h = e ? readHistogram(e.histograms.latency) : blocks.total;
  return latencyEstimate(h, figure, blocks, confidence);
}

export function parseTrendFigure(text: string): TrendFigure {
  const figure = text.replace(/^latency\./, '') as TrendFigure;
  if (!TREND_FIGURES.includes(figure))
    throw new ConfigError(`--figure ${text}: expected one of ${TREND_FIGURES.join(', ')}`);
  return figure;
}

export function buildTrend(
  runs: readonly { row: HistoryRow; result: RunResult }[],
  figure: TrendFigure,
  endpoint: string | null,
  confidence: number,
): Trend {
  const spec = ruleOf(figure, endpoint !== null);
  const points: TrendPoint[] = [];
  const skipped: number[] = [];
  let previous: { estimate: Estimate; result: RunResult } | undefined;
  for (const { row, result } of runs) {
    const estimate = estimateOf(result, figure, endpoint, confidence);
    if (!estimate) {
      skipped.push(row.id);
      continue;
    }
    const change = previous ? judgeChange(figure, previous, { estimate, result }, { confidence, ...spec }) : null;
    points.push({
      id: row.id,
      started_at: row.started_at,
      git_commit: row.git_commit,
      label: row.label,
      value: estimate.value,
      low: estimate.low,
      high: estimate.high,
      ...(figure === 'success_rps' ? { answered_rps: answeredOf(result, endpoint) } : {}),
      change: change && {
        verdict: change.verdict,
        reason: change.reason,
        ...(change.verdict === 'inconclusive' && change.inconclusive ? { inconclusive: change.inconclusive } : {}),
      },
    });
    previous = { estimate, result };
  }
  return { figure, endpoint, unit: spec.unit, confidence, points, skipped };
}

const answeredOf = (run: RunResult, endpoint: string | null): number =>
  (endpoint === null ? run.summary : run.endpoints[endpoint]!.summary).rps;

type Side = { estimate: Estimate; result: RunResult };

/** A run against the one before it, beyond what a lagging generator explains (latency and rates), as compare does. */
function judgeChange(figure: TrendFigure, before: Side, after: Side, rule: FigureRule & { confidence: number }) {
  const input = { before: before.estimate, after: after.estimate, ...rule };
  if (figure === 'error_rate') return judgeEstimates(input);
  const runs = { before: before.result, after: after.result };
  const allowance =
    figure === 'rps' || figure === 'success_rps' ? rateAllowances(runs) : latencyAllowance(runs, figure);
  return judgeBeyondGenerator(input, allowance, laggedRuns(runs.before, runs.after));
}
