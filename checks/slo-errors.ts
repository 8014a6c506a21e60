import type { Summary } from '../src/result/run-result.js';
import { defineCheck, listOf, notMeasured, pct, scopeLabel } from './check.js';
import { generatorLimit } from './generator-limit.js';

/** Non-2xx/3xx responses and transport errors over all requests. */
export default defineCheck<{ error_rate: number }>({
  id: 'slo.errors',
  category: 'slo',
  title: 'Error rate within the SLO',
  weight: 3,
  defaults: { error_rate: 0.01 },
  config: { error_rate: { path: 'slo.error_rate' } },
  judge(e, t, perEndpoint) {
    const judged = e.run.judged;
    if (judged.requests === 0) {
      return notMeasured(
        `no completed request in the ${scopeLabel(judged)}`,
        'check that the target answers and the run lasted long enough',
        t.error_rate,
      );
    }
    // Endpoint figures cover the whole run: in a trailing window only the overall figures are judged.
    const failing = Object.values(e.run.endpoints)
      .filter(
        (ep) =>
          judged.scope === 'run' &&
          ep.summary.requests > 0 &&
          ep.summary.error_rate > (perEndpoint[ep.name]?.error_rate ?? t.error_rate),
      )
      .sort((a, b) => b.summary.error_rate - a.summary.error_rate);
    const named = failing.map((ep) => `${ep.name} ${pct(ep.summary.error_rate)}`);
    const cause = dominantClass(e.run.summary);
    const remedy = remedyFor(cause, failing[0]?.name);
    const rate = judged.error_rate;
    const limit = generatorLimit(e);
    const what =
      `${pct(rate)} of ${judged.requests} requests failed${cause ? ` (mostly ${cause})` : ''}` +
      `${limit ? ` (${limit})` : ''}`;
    if (rate > t.error_rate) {
      return {
        status: 'fail',
        value: rate,
        threshold: t.error_rate,
        remedy,
        message:
          `${what} > ${pct(t.error_rate)} over the ` +
          `${scopeLabel(judged)}${named.length ? `; worst: ${listOf(named, 2)}` : ''}`,
        details: {
          errors: judged.errors,
          by_class: e.run.summary.errors_by_class,
          endpoints: failing.map((ep) => ep.name),
        },
      };
    }
    if (failing.length) {
      return {
        status: 'warn',
        value: rate,
        threshold: t.error_rate,
        remedy,
        message: `${what}, within ${pct(t.error_rate)} overall, but ${listOf(named, 2)} over its limit`,
        details: { endpoints: failing.map((ep) => ep.name) },
      };
    }
    return {
      status: 'pass',
      value: rate,
      threshold: t.error_rate,
      remedy,
      message: `${what} ≤ ${pct(t.error_rate)} over the ${scopeLabel(judged)}`,
    };
  },
});

function dominantClass(s: Summary): string | undefined {
  const top = Object.entries(s.errors_by_class)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])[0];
  if (!top) return undefined;
  if (top[0] !== 'http') return top[0];
  const status = Object.entries(s.status_codes)
    .filter(([code]) => !/^[23]/.test(code))
    .sort((a, b) => b[1] - a[1])[0];
  return status ? `HTTP ${status[0]}` : 'http';
}

function remedyFor(cause: string | undefined, endpoint: string | undefined): string {
  const where = endpoint ? ` on ${endpoint}` : '';
  if (cause === 'timeout')
    return `add capacity or shed load with fast 429/503 + Retry-After instead of timing out${where}`;
  if (cause === 'reset' || cause === 'refused')
    return `raise the server's backlog/worker count and put pgbouncer in front of Postgres${where}`;
  if (cause === 'HTTP 429')
    return (
      `the app's rate limit throttled these requests${where} (DRF throttle classes, django-ratelimit, nginx ` +
      'limit_req): raise it for the load-test client, or set endpoints[].expect: [200, 429] if shedding is intended'
    );
  if (cause?.startsWith('HTTP 5')) return `fix the server errors${where}: read the app logs for the traceback`;
  if (cause?.startsWith('HTTP 4'))
    return `fix the request${where} (auth header, CSRF, payload) or set endpoints[].expect`;
  return `find the failing requests${where} in the app logs and fix their cause`;
}
