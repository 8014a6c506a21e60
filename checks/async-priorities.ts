import type { QueueEvidence } from '../src/result/evidence.js';
import { defineCheck, listOf, notMeasured } from './check.js';

/**
 * Urgent tasks need their own queue so low-value jobs cannot starve them. A queue carried tasks when a depth sample
 * saw them waiting or the broker's flow counts saw them pass (a worker that keeps up leaves the lists empty).
 */
export default defineCheck<{ min_queues: number }>({
  id: 'async.priorities',
  category: 'async',
  title: 'Work is split over priority queues',
  weight: 1,
  defaults: { min_queues: 2 },
  judge(e, t) {
    const q = e.queues;
    const carried = q?.by_queue ? carryingQueues(q) : undefined;
    const active = q?.active_queues ?? carried?.length;
    if (!q || active === undefined)
      return notMeasured(
        'queues were not watched',
        'pass --celery-redis URL or --rabbitmq URL with --queue NAME for each queue',
        t.min_queues,
      );
    const flow = q.flow_measured_by;
    const withDepth = flow?.startsWith('depth samples') ? flow : `depth samples${flow ? ` and ${flow}` : ''}`;
    const how = `measured by ${withDepth}`;
    if (active === 0)
      return notMeasured(
        `no task traffic seen on ${q.names.length} watched queues; ${how}`,
        'run endpoints that enqueue tasks, and list every queue with --queue',
        t.min_queues,
      );
    const remedy = 'route urgent tasks to their own Celery queue (task_routes) with dedicated workers, e.g. high/low';
    const watched = q.names.length <= 1 ? ` (only ${q.names.length} queue watched: list the others with --queue)` : '';
    const named = carried?.length ? `: ${listOf(carried)}` : '';
    const details = { queues: carried ?? [], measured_by: how };
    if (active < t.min_queues) {
      return {
        status: 'warn',
        value: active,
        threshold: t.min_queues,
        remedy,
        details,
        message: `all task traffic went through ${active} queue${active === 1 ? '' : 's'}${named}${watched}; ${how}`,
      };
    }
    return {
      status: 'pass',
      value: active,
      threshold: t.min_queues,
      remedy,
      details,
      message: `task traffic spread over ${active} queues${named}; ${how}`,
    };
  },
});

/** "high (66 list writes)", "low (peak depth 12)": what each carrying queue showed. */
function carryingQueues(q: QueueEvidence): string[] {
  return Object.entries(q.by_queue ?? {})
    .filter(([, b]) => b.depth_max > 0 || (b.flow ?? 0) > 0)
    .map(([name, b]) => `${name} (${b.flow ? `${b.flow} list writes` : `peak depth ${b.depth_max}`})`);
}
