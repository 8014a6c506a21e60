import { defineCheck, notMeasured, num } from './check.js';

/** Seconds from the fault until p95 and error rate are back within the SLO. */
export default defineCheck<{ budget_s: number; warn_ratio: number }>({
  id: 'drill.recovery',
  category: 'resilience',
  title: 'Recovery after a fault',
  weight: 2,
  defaults: { budget_s: 30, warn_ratio: 0.5 },
  config: { budget_s: { path: 'budgets.recovery', scale: 0.001 } },
  judge(e, t) {
    const drill = e.drill;
    if (!drill)
      return notMeasured(
        'no drill in this run',
        'add drill.actions (kill a worker, stop a replica) to measure recovery',
        t.budget_s,
      );
    const remedy =
      'add health checks with fast restarts, timeouts and circuit breakers on dependencies, and retries with backoff';
    if (drill.recovery_s === null) {
      return {
        status: 'fail',
        value: null,
        threshold: t.budget_s,
        remedy,
        message: 'p95 and error rate never came back within the SLO after the fault',
      };
    }
    const r = drill.recovery_s;
    if (r > t.budget_s)
      return {
        status: 'fail',
        value: r,
        threshold: t.budget_s,
        remedy,
        message: `recovered in ${num(r)} s > ${t.budget_s} s`,
      };
    if (r > t.budget_s * t.warn_ratio)
      return {
        status: 'warn',
        value: r,
        threshold: t.budget_s,
        remedy,
        message: `recovered in ${num(r)} s, over half the ${t.budget_s} s budget`,
      };
    return {
      status: 'pass',
      value: r,
      threshold: t.budget_s,
      remedy,
      message: `recovered in ${num(r)} s ≤ ${t.budget_s} s`,
    };
  },
});
