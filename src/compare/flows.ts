/**
 * The flows two runs share, judged on their whole iterations: latency of completed iterations (effect size, with
 * the endpoints' margins), completed (successful) iterations per second with the ended ones beside it, and the
 * share of iterations that failed.
 */
import type { FlowResult, RunResult } from '../result/run-result.js';
import { ENDPOINT_LATENCY_RULE, ENDPOINT_TAIL_RULE } from './endpoints.js';
import { figureOf } from './figure.js';
import { ERROR_RATE_RULE, THROUGHPUT_RULE } from './figures.js';
import { DEFAULT_CONFIDENCE, judgeEstimates, judgeThreshold, type EffectThreshold, type Judgement } from './judge.js';
import { shareOf } from './estimates.js';
import type { FigureComparison, FlowComparison } from './types.js';

interface FlowFigure {
  id: string;
  label: string;
  unit: FigureComparison['unit'];
  group: FigureComparison['group'];
  better: FigureComparison['better'];
  value(f: FlowResult, durationS: number): number | undefined;
  judge(b: number, a: number, fb: FlowResult, fa: FlowResult): Judgement;
}

const latency = (key: 'p50' | 'p95' | 'p99', rule: EffectThreshold): FlowFigure => ({
  id: `iteration.${key}`,
  label: `Iteration ${key}`,
  unit: 'ms',
  group: 'latency',
  better: 'lower',
  value: (f) => (f.completed > 0 ? f.summary.latency_ms[key] : undefined),
  judge: (b, a) => judgeThreshold(b, a, 'lower', rule),
});

const FLOW_FIGURES: readonly FlowFigure[] = [
  latency('p50', ENDPOINT_LATENCY_RULE),
  latency('p95', ENDPOINT_LATENCY_RULE),
  latency('p99', ENDPOINT_TAIL_RULE),
  {
    id: 'iterations_per_s',
    label: 'Completed (successful) iterations',
    unit: 'iterations/s',
    group: 'throughput',
    better: 'higher',
    value: (f) => f.summary.rate,
    judge: (b, a) => judgeThreshold(b, a, 'higher', THROUGHPUT_RULE),
  },
  {
    // Context beside the completed rate, as the answered rate is beside an endpoint's successful one.
    id: 'iterations_ended_per_s',
    label: 'Ended iterations (completed or failed)',
    unit: 'iterations/s',
    group: 'throughput',
    better: 'higher',
    value: (f, durationS) => (durationS > 0 ? (f.completed + f.failed) / durationS : undefined),
    judge: (b, a) => judgeThreshold(b, a, 'higher', THROUGHPUT_RULE),
  },
  {
    id: 'failure_rate',
    label: 'Failed iterations',
    unit: 'ratio',
    group: 'errors',
    better: 'lower',
    value: (f) => (f.completed + f.failed > 0 ? f.summary.failure_rate : undefined),
    judge: (_b, _a, fb, fa) =>
      judgeEstimates({
        before: shareOf({ hits: fb.failed, total: fb.completed + fb.failed }, null, DEFAULT_CONFIDENCE),
        after: shareOf({ hits: fa.failed, total: fa.completed + fa.failed }, null, DEFAULT_CONFIDENCE),
        better: 'lower',
        rule: ERROR_RATE_RULE,
        confidence: DEFAULT_CONFIDENCE,
        method: 'share-interval',
      }),
  },
];

/** undefined when neither run has a flow. */
export function compareFlows(before: RunResult, after: RunResult): FlowComparison[] | undefined {
  if (!before.flows && !after.flows) return undefined;
  const shared = Object.keys(after.flows ?? {}).filter((name) => before.flows?.[name]);
  const durations = { before: before.duration_s, after: after.duration_s };
  return shared.map((name) => compareFlow(before.flows![name]!, after.flows![name]!, durations));
}

function compareFlow(fb: FlowResult, fa: FlowResult, d: { before: number; after: number }): FlowComparison {
  const figures: FigureComparison[] = [];
  for (const spec of FLOW_FIGURES) {
    const b = spec.value(fb, d.before);
    const a = spec.value(fa, d.after);
    if (b === undefined && a === undefined) continue;
    const judgement: Judgement =
      b === undefined || a === undefined
        ? {
            verdict: 'not-comparable',
            method: 'none',
            reason: `measured only in the ${b === undefined ? 'after' : 'before'} run`,
          }
        : spec.judge(b, a, fb, fa);
    figures.push(figureOf({ ...spec, gate: false }, b, a, judgement));
  }
  return { name: fa.name, steps: fa.steps, figures };
}
