/**
 * The figures the SLO rules and gates judge: the whole measured run, or a trailing window (`slo.over: last 60s`)
 * built by merging the timeline's per-second histograms and counts. Pure.
 */
import { mergeEncoded, summarizeHistogram } from '../load/histogram.js';
import type { RunPlan, RunResult, Summary, TimelineRow } from '../result/run-result.js';

import type { JudgedFigures } from '../../checks/audit-evidence.js';

export type { JudgedFigures };

export function wholeRunFigures(result: RunResult): JudgedFigures {
  const s = result.summary;
  const target = s.target_rps ?? scheduledRate(result.plan, startRateOf(result), 0, result.duration_s);
  return {
    scope: 'run',
    seconds: result.duration_s,
    from_t: 0,
    requests: s.requests,
    errors: s.errors,
    error_rate: s.error_rate,
    rps: s.rps,
    success_rps: successRps(s, result.duration_s),
    ...(target !== undefined ? { target_rps: target } : {}),
    dropped: s.dropped,
    latency_ms: s.latency_ms,
  };
}

/** Figures over the last `overMs` of the timeline; the whole run when the run is not longer than the window. */
export function judgedFigures(result: RunResult, overMs?: number): JudgedFigures {
  const rows = result.timeline;
  if (overMs === undefined || rows.length === 0) return wholeRunFigures(result);
  const lastT = Math.max(...rows.map((r) => r.t));
  const fromT = lastT + 1 - Math.ceil(overMs / 1000);
  if (fromT <= Math.min(...rows.map((r) => r.t))) return wholeRunFigures(result);
  return windowFigures(
    result,
    rows.filter((r) => r.t >= fromT),
    fromT,
    lastT + 1 - fromT,
  );
}

/** Figures over the timeline seconds [fromT, toT) of the measured run (a capacity step's steady part). */
export function spanFigures(result: RunResult, fromT: number, toT: number): JudgedFigures {
  const from = Math.ceil(fromT);
  const to = Math.max(from + 1, Math.ceil(toT));
  return windowFigures(
    result,
    result.timeline.filter((r) => r.t >= from && r.t < to),
    from,
    to - from,
  );
}

function windowFigures(result: RunResult, rows: TimelineRow[], fromT: number, seconds: number): JudgedFigures {
  const requests = sum(rows, (r) => r.requests);
  const errors = sum(rows, (r) => r.errors);
  const target = scheduledRate(result.plan, startRateOf(result), fromT, fromT + seconds);
  return {
    scope: 'window',
    seconds,
    from_t: fromT,
    requests,
    errors,
    error_rate: requests ? errors / requests : 0,
    rps: requests / seconds,
    success_rps: (requests - errors) / seconds,
    ...(target !== undefined ? { target_rps: target } : {}),
    dropped: sum(rows, (r) => r.dropped),
    latency_ms: summarizeHistogram(mergeEncoded(rows.map((r) => r.histogram))),
  };
}

/**
 * Mean scheduled rate over [t0, t1) seconds of the measured run (open model; undefined in the closed model).
 * Stages ramp linearly from the previous stage's rate, the first from `load.start_rate` (k6's ramping-arrival-rate).
 * Seconds past the end of the schedule ask for nothing.
 */
export function scheduledRate(plan: RunPlan, startRate: number, t0: number, t1: number): number | undefined {
  if (plan.model !== 'open' || t1 <= t0) return undefined;
  const segments = plan.stages
    ? plan.stages.map((s, i, all) => ({ d: s.duration_s, from: i === 0 ? startRate : all[i - 1]!.rate, to: s.rate }))
    : [{ d: plan.duration_s, from: plan.rate ?? 0, to: plan.rate ?? 0 }];
  let scheduled = 0;
  let start = 0;
  for (const seg of segments) {
    const a = Math.max(t0, start);
    const b = Math.min(t1, start + seg.d);
    if (b > a && seg.d > 0) {
      const rateAt = (t: number): number => seg.from + ((seg.to - seg.from) * (t - start)) / seg.d;
      scheduled += ((rateAt(a) + rateAt(b)) / 2) * (b - a);
    }
    start += seg.d;
  }
  return scheduled / (t1 - t0);
}

/** Runs stored before success_rps existed: the same figure from the counts. */
export function successRps(s: Summary, durationS: number): number {
  return s.success_rps ?? (durationS > 0 ? (s.requests - s.errors) / durationS : 0);
}

function startRateOf(result: RunResult): number {
  const load = result.config.load;
  const rate = load && typeof load === 'object' ? (load as Record<string, unknown>).start_rate : undefined;
  return typeof rate === 'number' && Number.isFinite(rate) ? rate : 0;
}

const sum = <T>(rows: readonly T[], f: (r: T) => number): number => rows.reduce((acc, r) => acc + f(r), 0);
