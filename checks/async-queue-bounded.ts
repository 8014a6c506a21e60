import { defineCheck, notMeasured, num } from './check.js';

/** Celery queue depth must not grow steadily through the run nor end above the budget. */
export default defineCheck<{ queue_depth: number; slope_per_s: number }>({
  id: 'async.queue-bounded',
  category: 'async',
  title: 'Task queues stay bounded',
  weight: 2,
  defaults: { queue_depth: 1000, slope_per_s: 0.5 },
  config: { queue_depth: { path: 'budgets.queue_depth' } },
  judge(e, t) {
    const q = e.queues;
    if (!q || (q.slope_per_s === undefined && q.depth_end === undefined && q.depth_max === undefined)) {
      return notMeasured(
        'queue depth was not sampled',
        'pass --celery-redis URL or --rabbitmq URL with --queue NAME',
        t.queue_depth,
      );
    }
    const slope = q.slope_per_s ?? 0;
    const end = q.depth_end ?? q.depth_max ?? 0;
    const peak = q.depth_max ?? end;
    const what = `depth ended at ${end} (peak ${peak}), trend ${slope >= 0 ? '+' : ''}${num(slope, 2)} msg/s`;
    const remedy =
      'add Celery workers or concurrency for the growing queue, and cap producers (rate limits, bounded queues)';
    const details = { slope_per_s: slope, depth_max: peak, depth_end: end, by_queue: q.by_queue };
    if (slope > t.slope_per_s || end > t.queue_depth) {
      const why =
        slope > t.slope_per_s ? `grows steadily (> ${t.slope_per_s} msg/s)` : `ends above the budget ${t.queue_depth}`;
      return {
        status: 'fail',
        value: end,
        threshold: t.queue_depth,
        remedy,
        details,
        message: `queue ${why}: ${what}`,
      };
    }
    if (peak > t.queue_depth) {
      return {
        status: 'warn',
        value: end,
        threshold: t.queue_depth,
        remedy,
        details,
        message: `queue peaked above the budget ${t.queue_depth}, then drained: ${what}`,
      };
    }
    return {
      status: 'pass',
      value: end,
      threshold: t.queue_depth,
      remedy,
      details,
      message: `queues bounded: ${what}`,
    };
  },
});
