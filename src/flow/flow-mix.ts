/** How flows weigh in the engine's mix: their step endpoints, requests per arrival, and time to finish. Pure. */
import type { FlowPlan } from './flow-plan.js';

interface Mix {
  endpoints: readonly { weight: number }[];
  flows?: readonly FlowPlan[];
}

/** Step endpoints of all flows (recorded after the plain endpoints). */
export function stepCount(plan: Mix): number {
  return (plan.flows ?? []).reduce((n, f) => n + f.steps.length, 0);
}

/** Requests an arrival makes on average when every iteration completes: 1 for an endpoint, its steps for a flow. */
export function requestsPerArrival(plan: Mix): number {
  const flows = plan.flows ?? [];
  if (!flows.length) return 1;
  const weights = plan.endpoints.reduce((n, e) => n + e.weight, 0) + flows.reduce((n, f) => n + f.weight, 0);
  const requests =
    plan.endpoints.reduce((n, e) => n + e.weight, 0) + flows.reduce((n, f) => n + f.weight * f.steps.length, 0);
  return requests / weights;
}

/** Beyond a request's timeout, an iteration started at the end may still think and send its remaining steps. */
export function flowDrainMs(plan: Mix & { timeoutMs: number }): number {
  const longest = Math.max(
    0,
    ...(plan.flows ?? []).map(
      (f) => f.steps.reduce((n, s) => n + s.thinkMs, 0) + (f.steps.length - 1) * plan.timeoutMs,
    ),
  );
  return longest;
}
