/**
 * Per-endpoint figures of two runs. An endpoint has no per-second series, so its latency is judged on the
 * effect size alone, with wider margins than the run-level figures to stay clear of run-to-run noise.
 */
import type { EndpointResult, RunResult } from '../result/run-result.js';
import { judgeProportion, judgeThreshold } from './judge.js';
import type { EffectThreshold, Judgement } from './judge.js';
import { ERROR_RATE_RULE, THROUGHPUT_RULE } from './figures.js';
import { figureOf } from './figure.js';
import type { EndpointComparison, FigureComparison } from './types.js';

export const ENDPOINT_LATENCY_RULE: EffectThreshold = { min_relative: 0.2, min_absolute: 2 };
export const ENDPOINT_TAIL_RULE: EffectThreshold = { min_relative: 0.3, min_absolute: 5 };
const QUERIES_RULE: EffectThreshold = { min_relative: 0.05, min_absolute: 0.5 };

interface EndpointFigure {
  id: string;
  label: string;
  unit: FigureComparison['unit'];
  group: FigureComparison['group'];
  better: FigureComparison['better'];
  value(e: EndpointResult, run: RunResult): number | undefined;
  judge(b: number, a: number, eb: EndpointResult, ea: EndpointResult): Judgement;
}

const latency = (key: 'p50' | 'p95' | 'p99', rule: EffectThreshold): EndpointFigure => ({
  id: `latency.${key}`,
  label: `Latency ${key}`,
  unit: 'ms',
  group: 'latency',
  better: 'lower',
  value: (e) => e.summary.latency_ms[key],
  judge: (b, a) => judgeThreshold(b, a, 'lower', rule),
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
    judge: (b, a) => judgeThreshold(b, a, 'higher', THROUGHPUT_RULE),
  },
  {
    id: 'error_rate',
    label: 'Error rate',
    unit: 'ratio',
    group: 'errors',
    better: 'lower',
    value: (e) => (e.summary.requests > 0 ? e.summary.errors / e.summary.requests : undefined),
    judge: (_b, _a, eb, ea) =>
      judgeProportion(
        { hits: eb.summary.errors, total: eb.summary.requests },
        { hits: ea.summary.errors, total: ea.summary.requests },
        'lower',
        ERROR_RATE_RULE,
      ),
  },
  {
    id: 'db.queries_per_request',
    label: 'Queries per request (profile)',
    unit: 'queries',
    group: 'database',
    better: 'lower',
    value: (e, run) => run.evidence.db?.per_endpoint?.[e.name]?.queries_per_request,
    judge: (b, a) => judgeThreshold(b, a, 'lower', QUERIES_RULE),
  },
];

export function compareEndpoint(name: string, before: RunResult, after: RunResult): EndpointComparison {
  const eb = before.endpoints[name]!;
  const ea = after.endpoints[name]!;
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
        : spec.judge(b, a, eb, ea);
    figures.push(figureOf({ ...spec, gate: false }, b, a, judgement));
  }
  return { name, method: ea.method, path: ea.path, figures };
}
