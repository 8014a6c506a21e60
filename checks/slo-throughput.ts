import { defineCheck, notMeasured, num, pct, scopeLabel } from './check.js';
import { GENERATOR_LIMIT_REMEDY, generatorLimit } from './generator-limit.js';

/** Successful responses per second against the target rate of the open model: failures are not throughput. */
export default defineCheck<{ ratio: number }>({
  id: 'slo.throughput',
  category: 'slo',
  title: 'Throughput keeps up with the target rate',
  weight: 2,
  defaults: { ratio: 0.97 },
  config: { ratio: { path: 'slo.throughput' } },
  judge(e, t) {
    const judged = e.run.judged;
    if (e.run.model === 'closed') {
      return notMeasured(
        'closed model: there is no target rate to keep up with',
        'use --rate N (open model) to judge throughput',
        t.ratio,
      );
    }
    if (!judged.target_rps)
      return notMeasured('no target rate in this run', 'use --rate N (open model) to judge throughput', t.ratio);
    const ratio = judged.success_rps / judged.target_rps;
    const failed = judged.requests > 0 && judged.errors > 0 ? `; ${pct(judged.error_rate)} of responses failed` : '';
    const what =
      `${num(judged.success_rps)} successful of ${num(judged.target_rps)} req/s (${pct(ratio)}) over the ` +
      `${scopeLabel(judged)}${failed}`;
    const remedy = 'add web workers/pods or remove the bottleneck (DB, pool) until the target rate is served';
    if (ratio < t.ratio) {
      // A late generator explains a shortfall of answered requests, never one of failed answers.
      const limit = generatorLimit(e);
      if (limit && judged.rps / judged.target_rps < t.ratio) {
        return {
          status: 'not-measured',
          value: ratio,
          threshold: t.ratio,
          message: `inconclusive: ${what}; ${limit}`,
          remedy: GENERATOR_LIMIT_REMEDY,
        };
      }
      if (e.run.generator.lagged && judged.rps / judged.target_rps < t.ratio) {
        return {
          status: 'not-measured',
          value: ratio,
          threshold: t.ratio,
          message:
            `inconclusive: ${what}, but the load generator itself lagged ` +
            `(${e.run.generator.reason ?? 'schedule slipped'})`,
          remedy:
            'rerun with more --workers, a lower rate or a bigger load machine so the generator keeps its schedule',
        };
      }
      // Answered at the rate but failing: the failures are the bottleneck, and slo.errors names their class.
      const failing = judged.rps / judged.target_rps >= t.ratio && judged.errors > 0;
      const why = failing
        ? 'the target answered at the rate, but too many responses failed: fix what slo.errors names'
        : remedy;
      return { status: 'fail', value: ratio, threshold: t.ratio, remedy: why, message: `${what} < ${pct(t.ratio)}` };
    }
    if (judged.dropped > 0) {
      return {
        status: 'warn',
        value: ratio,
        threshold: t.ratio,
        message: `${what}, but ${judged.dropped} requests were dropped at load.max_in_flight: responses queue up`,
        remedy: 'add web workers or cut service time so requests stop piling up in flight',
      };
    }
    return { status: 'pass', value: ratio, threshold: t.ratio, remedy, message: `${what} ≥ ${pct(t.ratio)}` };
  },
});
