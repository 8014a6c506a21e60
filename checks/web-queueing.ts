import { defineCheck, ms, notMeasured } from './check.js';
import { appNotReported, appReported } from './app-reported.js';

/**
 * Time a request spent outside the view: what the proxy's X-Request-Start stamp says it queued when the proxy
 * stamps requests, else service time − the app's own time. A tenth of the latency budget is the network and the
 * proxy; more is requests waiting for a free app worker.
 */
export default defineCheck<{ p95: number; share: number }>({
  id: 'web.queueing',
  category: 'web',
  title: 'Requests do not wait for an app worker',
  weight: 2,
  defaults: { p95: 300, share: 0.1 },
  config: { p95: { path: 'slo.p95' } },
  judge(e, t) {
    const app = appReported(e);
    const limit = t.p95 * t.share;
    if (!app) {
      const why = appNotReported(e);
      return notMeasured(why.message, why.remedy, limit);
    }
    const stamped = app.overall.queued_ms !== undefined;
    const what = stamped ? 'queued behind the proxy (X-Request-Start)' : 'outside the view (service time − app time)';
    const waited = (stamped ? app.overall.queued_ms! : app.overall.outside_app_ms).p95;
    const worst = app.endpoints
      .map(([name, f]) => ({ name, p95: (stamped ? f.queued_ms : undefined)?.p95 ?? f.outside_app_ms.p95 }))
      .sort((a, b) => b.p95 - a.p95)[0];
    const remedy =
      'add app workers (gunicorn --workers/--threads, uwsgi processes) or scale out; keep slow work off the ' +
      'request path (Celery)';
    const details = { measured: stamped ? 'queued_ms' : 'outside_app_ms', worst_endpoint: worst?.name };
    if (waited >= limit) {
      return {
        status: 'fail',
        value: waited,
        threshold: limit,
        remedy,
        details,
        message:
          `requests waited ${ms(waited)} (p95) before the view ran, ${what} ≥ ${ms(limit)}: the app server's ` +
          `workers were all busy${worst ? `; worst ${worst.name} ${ms(worst.p95)}` : ''}`,
      };
    }
    return {
      status: 'pass',
      value: waited,
      threshold: limit,
      remedy,
      details,
      message: `p95 ${ms(waited)} ${what} < ${ms(limit)} (a tenth of the p95 budget)`,
    };
  },
});
