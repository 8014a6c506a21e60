import { defineCheck, notMeasured, num } from './check.js';

/** After load stops, queues should be back at their starting depth quickly. */
export default defineCheck<{ drain_s: number }>({
  id: 'async.drain',
  category: 'async',
  title: 'Queues drain after the load',
  weight: 1,
  defaults: { drain_s: 60 },
  config: { drain_s: { path: 'budgets.drain', scale: 0.001 } },
  judge(e, t) {
    const drain = e.queues?.drain_s;
    if (drain === undefined)
      return notMeasured(
        'queue drain was not watched',
        'pass --celery-redis URL or --rabbitmq URL with --queue NAME',
        t.drain_s,
      );
    const remedy = 'add Celery workers (or autoscale them on queue depth) so the backlog clears within the budget';
    if (drain === null) {
      return {
        status: 'warn',
        value: null,
        threshold: t.drain_s,
        remedy,
        message: 'queues never returned to their starting depth (sources.drain_timeout reached)',
      };
    }
    if (drain > t.drain_s)
      return {
        status: 'warn',
        value: drain,
        threshold: t.drain_s,
        remedy,
        message: `queues took ${num(drain)} s to drain > ${t.drain_s} s`,
      };
    return {
      status: 'pass',
      value: drain,
      threshold: t.drain_s,
      remedy,
      message: `queues drained in ${num(drain)} s ≤ ${t.drain_s} s`,
    };
  },
});
