import { defineCheck, notMeasured } from './check.js';

/** Urgent tasks need their own queue so low-value jobs cannot starve them. */
export default defineCheck<{ min_queues: number }>({
  id: 'async.priorities',
  category: 'async',
  title: 'Work is split over priority queues',
  weight: 1,
  defaults: { min_queues: 2 },
  judge(e, t) {
    const q = e.queues;
    const active =
      q?.active_queues ?? (q?.by_queue ? Object.values(q.by_queue).filter((b) => b.depth_max > 0).length : undefined);
    if (!q || active === undefined)
      return notMeasured(
        'queues were not watched',
        'pass --celery-redis URL or --rabbitmq URL with --queue NAME for each queue',
        t.min_queues,
      );
    if (active === 0)
      return notMeasured(
        `no task traffic seen on ${q.names.length} watched queues`,
        'run endpoints that enqueue tasks, and list every queue with --queue',
        t.min_queues,
      );
    const remedy = 'route urgent tasks to their own Celery queue (task_routes) with dedicated workers, e.g. high/low';
    const watched = q.names.length <= 1 ? ` (only ${q.names.length} queue watched: list the others with --queue)` : '';
    if (active < t.min_queues) {
      return {
        status: 'warn',
        value: active,
        threshold: t.min_queues,
        remedy,
        message: `all task traffic went through ${active} queue${active === 1 ? '' : 's'}${watched}`,
      };
    }
    return {
      status: 'pass',
      value: active,
      threshold: t.min_queues,
      remedy,
      message: `task traffic spread over ${active} queues`,
    };
  },
});
