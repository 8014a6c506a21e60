/**
 * Per-endpoint figures of two runs. An endpoint has no per-second series of its own: its intervals borrow the
 * dependence measured on the whole run's seconds, which its requests share. The margins are wider than the
 * run-level figures': an endpoint's figure rests on fewer requests.
 */
import { readHistogram } from '../load/histogram.js';
import type { Histogram } from '../load/histogram.js';
import type { EndpointResult, RunResult } from '../result/run-result.js';
import { judgeEstimates, judgeThreshold, laggedRuns, withGeneratorCaveat } from './judge.js';
import type { EffectThreshold, Judgement, JudgementMethod } from './judge.js';
import { latencyEstimate, shareOf, throughputEstimate } from './estimates.js';
import type { QuantileKey } from './estimates.js';
import type { Estimate } from './intervals.js';
import { ERROR_RATE_RULE, THROUGHPUT_RULE } from './figures.js';
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
});

const ENDPOINT_FIGURES: readonly EndpointFigure[] = [
  latency('p50', ENDPOINT_LATENCY_RULE),
  latency('p95', ENDPOINT_LATENCY_RULE),
  latency('p99', ENDPOINT_TAIL_RULE),
  {
    id: 'rps',
    label: 'Throughput',
    unit: 'req/s',
    group: 'throughput',
    better: 'higher',
    value: (e) => e.summary.rps,
    estimate: ({ endpoint, blocks }, confidence) => throughputEstimate(endpoint.summary.rps, blocks, confidence),
    method: 'rate-interval',
    rule: THROUGHPUT_RULE,
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

function judgeFigure(spec: EndpointFigure, b: number, a: number, sides: [Side, Side], confidence: number): Judgement {
  if (!spec.estimate || !spec.method) return judgeThreshold(b, a, spec.better, spec.rule);
  return judgeEstimates({
    before: spec.estimate(sides[0], confidence),
    after: spec.estimate(sides[1], confidence),
    better: spec.better,
    rule: spec.rule,
    confidence,
    method: spec.method,
  });
}

export function compareEndpoint(name: string, ctx: EndpointContext): EndpointComparison {
  const { before, after } = ctx.runs;
  const eb = before.endpoints[name]!;
  const ea = after.endpoints[name]!;
  const sides: [Side, Side] = [
    { endpoint: eb, blocks: ctx.blocks.before, latency: readHistogram(eb.histograms.latency) },
    { endpoint: ea, blocks: ctx.blocks.after, latency: readHistogram(ea.histograms.latency) },
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
        : judgeFigure(spec, b, a, sides, ctx.confidence);
    const caveat = spec.group === 'latency' || spec.group === 'throughput' ? laggedRuns(before, after) : null;
    figures.push(figureOf({ ...spec, gate: false }, b, a, withGeneratorCaveat(judgement, caveat)));
  }
  return { name, method: ea.method, path: ea.path, figures };
}
