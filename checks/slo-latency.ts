import { defineCheck, listOf, ms, notMeasured, scopeLabel } from './check.js';
import { GENERATOR_LIMIT_REMEDY, generatorLimit } from './generator-limit.js';

/** CO-corrected p95 (and p99 when set), overall and per endpoint. */
export default defineCheck<{ p95: number; p99?: number }>({
  id: 'slo.latency',
  category: 'slo',
  title: 'Latency within the SLO',
  weight: 3,
  defaults: { p95: 300 },
  config: { p95: { path: 'slo.p95' }, p99: { path: 'slo.p99' } },
  judge(e, t, perEndpoint) {
    const judged = e.run.judged;
    if (judged.requests === 0) {
      return notMeasured(
        `no completed request in the ${scopeLabel(judged)}`,
        'check that the target answers and the run lasted long enough',
        t.p95,
      );
    }
    const { p95, p99 } = judged.latency_ms;
    // Endpoint figures cover the whole run: in a trailing window only the overall figures are judged.
    const slow = Object.values(e.run.endpoints)
      .filter((ep) => ep.summary.requests > 0 && judged.scope === 'run')
      .map((ep) => ({ ep, limit: { ...t, ...perEndpoint[ep.name] } }))
      .filter(
        ({ ep, limit }) =>
          ep.summary.latency_ms.p95 > limit.p95 || (limit.p99 !== undefined && ep.summary.latency_ms.p99 > limit.p99),
      )
      .sort((a, b) => b.ep.summary.latency_ms.p95 - a.ep.summary.latency_ms.p95);
    const named = slow.map(({ ep, limit }) => `${ep.name} p95 ${ms(ep.summary.latency_ms.p95)} > ${ms(limit.p95)}`);
    const limit = generatorLimit(e);
    const lag = limit
      ? `; ${limit}`
      : e.run.model === 'open' && e.run.generator.lagged
        ? ' (the generator lagged: part of this is its own delay)'
        : '';
    const worst = slow[0]?.ep.name;
    const remedy = worst
      ? `profile ${worst}: cut its queries (select_related/prefetch_related), cache the view, move slow work to Celery`
      : 'profile the slowest endpoints: cut queries, cache views, move slow work to Celery';
    const over99 = t.p99 !== undefined && p99 > t.p99;
    if (p95 > t.p95 || over99) {
      const what = p95 > t.p95 ? `p95 ${ms(p95)} > ${ms(t.p95)}` : `p99 ${ms(p99)} > ${ms(t.p99!)}`;
      if (limit) {
        return {
          status: 'not-measured',
          value: null,
          threshold: t.p95,
          remedy: GENERATOR_LIMIT_REMEDY,
          message: `inconclusive: ${what} over the ${scopeLabel(judged)}${lag}`,
          details: { p99 },
        };
      }
      return {
        status: 'fail',
        value: p95,
        threshold: t.p95,
        remedy,
        message: `${what} over the ${scopeLabel(judged)}${named.length ? `; slowest: ${listOf(named, 2)}` : ''}${lag}`,
        details: { p99, endpoints: slow.map(({ ep }) => ep.name) },
      };
    }
    if (slow.length) {
      return {
        status: 'warn',
        value: p95,
        threshold: t.p95,
        remedy,
        message: `p95 ${ms(p95)} is within ${ms(t.p95)} overall, but ${listOf(named, 2)}${lag}`,
        details: { p99, endpoints: slow.map(({ ep }) => ep.name) },
      };
    }
    return {
      status: 'pass',
      value: p95,
      threshold: t.p95,
      remedy,
      message:
        `p95 ${ms(p95)} ≤ ${ms(t.p95)}${t.p99 !== undefined ? `, p99 ${ms(p99)} ≤ ${ms(t.p99)}` : ''} ` +
        `over the ${scopeLabel(judged)}${lag}`,
      details: { p99 },
    };
  },
});
