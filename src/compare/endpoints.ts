/**
 * Per-endpoint figures of two runs. An endpoint has no per-second series of its own: its intervals borrow the
 * dependence measured on the whole run's seconds, which its requests share. The margins are wider than the
 * run-level figures': an endpoint's figure rests on fewer requests.
 */
import { readHistogram } from '../load/histogram.js';
import type { Histogram } from '../load/histogram.js';
import type { EndpointResult, RunResult } from '../result/run-result.js';
import { successRps } from '../audit/window.js';
import { judgeEstimates, judgeThreshold, laggedRuns } from './judge.js';
import type { EffectThreshold, Judgement, JudgementMethod } from './judge.js';
import { judgeBeyondGenerator } from './judge-lagged.js';
import type { Allowance } from './judge-lagged.js';
import { latencyEstimate, shareOf, successEstimate, throughputEstimate } from './estimates.js';
import type { QuantileKey } from './estimates.js';
import type { Estimate } from './intervals.js';
import { ERROR_RATE_RULE, THROUGHPUT_RULE } from './figures.js';
import { latencyAllowance, rateAllowances } from './generator-allowance.js';
import { figureOf } from './figure.js';
import type { RunBlocks } from './traffic.js';
import type { EndpointComparison, FigureComparison } from './types.js';

export const ENDPOINT_LATENCY_RULE: EffectThreshold = { min_relative: 0.2, min_absolute: 2 };
export const ENDPOINT_TAIL_RULE: EffectThreshold = { min_relative: 0.3, min_absolute: 5 };
const QUERIES_RULE: EffectThreshold = { min_relative: 0.05, min_absolute: 0.5 };

export interface EndpointContext {
  runs: { before: RunResult; after: RunResult };
  blocks: { before: RunBlocks; after: RunBlocks };
  confidence: number;
}

interface Side {
  endpoint: EndpointResult;
  blocks: RunBlocks;
  latency: Histogram;
  durationS: number;
}

interface EndpointFigure {
  id: string;
  label: string;
  unit: FigureComparison['unit'];
  group: FigureComparison['group'];
  better: FigureComparison['better'];
  value(e: EndpointResult, run: RunResult): number | undefined;
  /** Interval figures: the estimate of one side; absent for effect-size-only figures. */
  estimate?(side: Side, confidence: number): Estimate;
  method?: JudgementMethod;
  rule: EffectThreshold;
  /** What a lagging generator can explain of this figure (latency and rates). */
  allowance?(runs: EndpointContext['runs']): Allowance;
}

const latency = (key: QuantileKey, rule: EffectThreshold): EndpointFigure => ({
  id: `latency.${key}`,
  label: `Latency ${key}`,
  unit: 'ms',
  group: 'latency',
  better: 'lower',
  value: (e) => e.summary.latency_ms[key],
  estimate: ({ latency: h, blocks }, confidence) => latencyEstimate(h, key, blocks, confidence),
  method: 'quantile-interval',
  rule,
  allowance: (runs) => latencyAllowance(runs, key),
});

const ENDPOINT_FIGURES: readonly EndpointFigure[] = [
  latency('p50', ENDPOINT_LATENCY_RULE),
  latency('p95', ENDPOINT_LATENCY_RULE),
  latency('p99', ENDPOINT_TAIL_RULE),
  {
    id: 'success_rps',
    label: 'Successful throughput',
    unit: 'req/s',
    group: 'throughput',
    better: 'higher',
    value: (e, run) => successRps(e.summary, run.duration_s),
    estimate: ({ endpoint, blocks, durationS }, confidence) =>
      successEstimate(successRps(endpoint.summary, durationS), blocks, confidence),
    method: 'rate-interval',
    rule: THROUGHPUT_RULE,
    allowance: rateAllowances,
  },
  {
    id: 'rps',
    label: 'Answered throughput',
    unit: 'req/s',
    group: 'throughput',
    better: 'higher',
    value: (e) => e.summary.rps,
    estimate: ({ endpoint, blocks }, confidence) => throughputEstimate(endpoint.summary.rps, blocks, confidence),
    method: 'rate-interval',
    rule: THROUGHPUT_RULE,
    allowance: rateAllowances,
  },
  {
    id: 'error_rate',
    label: 'Error rate',
    unit: 'ratio',
    group: 'errors',
    better: 'lower',
    value: (e) => (e.summary.requests > 0 ? e.summary.errors / e.summary.requests : undefined),
    estimate: ({ endpoint, blocks }, confidence) =>
      shareOf({ hits: endpoint.summary.errors, total: endpoint.summary.requests }, blocks, confidence),
    method: 'share-interval',
    rule: ERROR_RATE_RULE,
  },
  {
    id: 'db.queries_per_request',
    label: 'Queries per request (profile)',
    unit: 'queries',
    group: 'database',
    better: 'lower',
    value: (e, run) => run.evidence.db?.per_endpoint?.[e.name]?.queries_per_request,
    rule: QUERIES_RULE,
  },
  appFigure('queries_per_request', 'Queries per request (app)', 'database'),
  appFigure('duplicate_queries_per_request', 'Repeated queries per request (app)', 'database'),
];

/** A count per request the app reported of its own requests (Server-Timing): exact, judged by its size. */
function appFigure(
  key: 'queries_per_request' | 'duplicate_queries_per_request',
  label: string,
  group: FigureComparison['group'],
): EndpointFigure {
  return {
    id: `app.${key}`,
    label,
    unit: 'queries',
    group,
    better: 'lower',
    value: (e) => (e.app && e.app.responses > 0 ? e.app[key] : undefined),
    rule: QUERIES_RULE,
  };
}

function judgeFigure(spec: EndpointFigure, b: number, a: number, sides: [Side, Side], ctx: EndpointContext): Judgement {
  if (!spec.estimate || !spec.method) return judgeThreshold(b, a, spec.better, spec.rule);
  const input = {
    before: spec.estimate(sides[0], ctx.confidence),
    after: spec.estimate(sides[1], ctx.confidence),
    better: spec.better,
    rule: spec.rule,
    confidence: ctx.confidence,
    method: spec.method,
  };
  if (!spec.allowance) return judgeEstimates(input);
  return judgeBeyondGenerator(input, spec.allowance(ctx.runs), laggedRuns(ctx.runs.before, ctx.runs.after));
}

export function compareEndpoint(name: string, ctx: EndpointContext): EndpointComparison {
  const { before, after } = ctx.runs;
  const eb = before.endpoints[name]!;
  const ea = after.endpoints[name]!;
  const sides: [Side, Side] = [
    {
      endpoint: eb,
      blocks: ctx.blocks.before,
      latency: readHistogram(eb.histograms.latency),
      durationS: before.duration_s,
    },
    {
      endpoint: ea,
      blocks: ctx.blocks.after,
      latency: readHistogram(ea.histograms.latency),
      durationS: after.duration_s,
    },
  ];
  const figures: FigureComparison[] = [];
  for (const spec of ENDPOINT_FIGURES) {
    const b = spec.value(eb, before);
    const a = spec.value(ea, after);
    if (b === undefined && a === undefined) continue;
    const judgement: Judgement =
      b === undefined || a === undefined
        ? {
            verdict: 'not-comparable',
            method: 'none',
            reason: `measured only in the ${b === undefined ? 'after' : 'before'} run`,
          }
        : judgeFigure(spec, b, a, sides, ctx);
    figures.push(figureOf({ ...spec, gate: false }, b, a, judgement));
  }
  return { name, method: ea.method, path: ea.path, figures };
}
