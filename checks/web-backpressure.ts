import { defineCheck, notMeasured, pct } from './check.js';

/** Under overload a healthy service rejects fast (429/503 + Retry-After) instead of timing out or resetting. */
export default defineCheck<{ timeout_share: number; min_overload_share: number }>({
  id: 'web.backpressure',
  category: 'web',
  title: 'Overload is shed with fast rejections',
  weight: 2,
  // Read from the run itself, a stray timeout is not overload: it takes 1 % of requests rejected or timed out.
  defaults: { timeout_share: 0.5, min_overload_share: 0.01 },
  judge(e, t) {
    const bp = e.web.backpressure;
    if (!bp || bp.rejections + bp.timeouts_resets === 0) {
      return notMeasured(
        'no overload in this run (no 429/503, timeouts or resets)',
        'add a stress stage above capacity (load.stages) to see how overload is handled',
        t.timeout_share,
      );
    }
    const events = bp.rejections + bp.timeouts_resets;
    const requests = e.run.summary.requests;
    if (bp.from === 'run' && requests > 0 && events / requests < t.min_overload_share) {
      return notMeasured(
        `no overload in this run (${events} rejections/timeouts in ${requests} requests)`,
        'add a stress stage above capacity (load.stages) to see how overload is handled',
        t.timeout_share,
      );
    }
    const share = bp.timeouts_resets / events;
    const what = `${bp.rejections} fast rejections (429/503) vs ${bp.timeouts_resets} timeouts/resets`;
    const remedy =
      'bound the request queue (gunicorn backlog, max concurrency) and answer 429/503 with Retry-After when full';
    const missingRetryAfter =
      bp.rejections_with_retry_after !== undefined ? bp.rejections - bp.rejections_with_retry_after : 0;
    if (share > t.timeout_share) {
      return {
        status: 'fail',
        value: share,
        threshold: t.timeout_share,
        remedy,
        message: `overload showed as timeouts: ${what} (${pct(share)})`,
      };
    }
    if (share > 0 || missingRetryAfter > 0) {
      const why = missingRetryAfter > 0 ? `; ${missingRetryAfter} rejections without Retry-After` : '';
      return { status: 'warn', value: share, threshold: t.timeout_share, remedy, message: `${what}${why}` };
    }
    return {
      status: 'pass',
      value: share,
      threshold: t.timeout_share,
      remedy,
      message: `overload shed cleanly: ${what}`,
    };
  },
});
