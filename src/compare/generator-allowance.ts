/**
 * What a lagging run's own load generator can explain of its figures. Requests sent late (send lag), held in
 * the generator before their first byte (queue time, `generator.queue_ms` where the run recorded it) or whose
 * response it read late (event-loop delay) add that delay to latency measured from the intended instant; requests
 * it never sent lower the rate it achieved.
 * A run whose generator kept its schedule explains nothing: its figures are the target's.
 */
import type { GeneratorHealth, RunResult } from '../result/run-result.js';
import type { QuantileKey } from './estimates.js';
import type { Allowance } from './judge-lagged.js';

type Runs = { before: RunResult; after: RunResult };

type Percentiles = GeneratorHealth['schedule_lag_ms'];

/** Runs recorded before the generator measured its queue had none to report: read as 0. */
const queueOf = (g: GeneratorHealth): Partial<Percentiles> =>
  (g as GeneratorHealth & { queue_ms?: Percentiles }).queue_ms ?? {};

/** p95 has no recorded delay percentile of its own: the p99 above it bounds it. */
const DELAY_AT: Record<QuantileKey, 'p50' | 'p99'> = { p50: 'p50', p95: 'p99', p99: 'p99' };

/**
 * Milliseconds of the `key` percentile the generator may have added. A stall of its event loop delays a request
 * either before it is sent (send lag) or while its response waits unread (event-loop delay), so the larger of the
 * two at that percentile, plus its queue time; the closed model has no schedule, only the event-loop delay.
 */
export function latencyAllowanceMs(run: RunResult, key: QuantileKey): number {
  const g = run.generator;
  if (!g.lagged) return 0;
  const at = DELAY_AT[key];
  const stall =
    run.plan.model === 'open' ? Math.max(g.schedule_lag_ms[at], g.event_loop_delay_ms[at]) : g.event_loop_delay_ms[at];
  return stall + (queueOf(g)[at] ?? 0);
}

/**
 * Requests per second the generator did not send against its open-model schedule. Infinity in the closed model:
 * without a schedule nothing bounds what a slow generator held back.
 */
export function rateAllowance(run: RunResult): number {
  if (!run.generator.lagged) return 0;
  const target = run.summary.target_rps;
  if (run.plan.model !== 'open' || target === undefined) return Number.POSITIVE_INFINITY;
  return Math.max(0, target - run.summary.rps);
}

/** Both runs' latency allowance at `key`, with what it is made of (the Why column says it). */
export const latencyAllowance = (runs: Runs, key: QuantileKey): Allowance => ({
  before: latencyAllowanceMs(runs.before, key),
  after: latencyAllowanceMs(runs.after, key),
  unit: 'ms',
  basis: `max(send lag, event-loop delay) + queue time at ${DELAY_AT[key]}`,
});

export const rateAllowances = (runs: Runs): Allowance => ({
  before: rateAllowance(runs.before),
  after: rateAllowance(runs.after),
  unit: 'req/s',
  basis: 'requests of its schedule it did not send',
});
