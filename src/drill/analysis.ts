/**
 * Reads a drill out of a finished run: the baseline before the first fault, how the service degraded during
 * each fault, how long until it was back within the SLO (or close to its baseline) for `consecutive` seconds,
 * and the same for the systems behind it (replica lag, queue depth). Pure: data in, DrillResult out.
 */
import type {
  DrillActionResult,
  DrillDegradation,
  DrillFaultResult,
  DrillResult,
  DrillSourceRecovery,
  SourceResult,
  TimelineRow,
} from '../result/run-result.js';
import { baselineOf } from './baseline.js';
import { addClasses, errorClassesOf } from './error-classes.js';
import { findRecovery } from './recovery-point.js';
import {
  DEFAULT_LAG_BUDGET_S,
  sourceRecovery,
  watchedSeries,
  type SourceRecoveryOptions,
  type WatchedSeries,
} from './source-recovery.js';
import { faultLine } from './summary.js';
import { errorRateOf, healthThresholds, isHealthy, type HealthThresholds, type SloLimits } from './drill-thresholds.js';

export interface DrillAnalysisOptions {
  slo: SloLimits;
  /** Healthy seconds in a row that count as recovered (config drill.consecutive). */
  consecutive: number;
  /** Seconds before the first fault that make the baseline. Default 10. */
  baselineWindowS?: number;
  sources?: Record<string, SourceResult>;
  /** replica_lag in ms (config budgets.replica_lag); default 1 s. */
  budgets?: { replica_lag?: number };
}

const DEFAULT_BASELINE_WINDOW_S = 10;

interface FaultAnalysis {
  result: DrillFaultResult;
  /** Timeline indexes of the fault's degradation window. */
  window: number[];
  measured: boolean;
}

export function analyzeDrill(
  timeline: readonly TimelineRow[],
  actions: readonly DrillActionResult[],
  opts: DrillAnalysisOptions,
): DrillResult {
  const rows = [...timeline].sort((a, b) => a.t - b.t);
  const faults = actions.filter((a) => a.kind === 'fault').sort((a, b) => a.at_s - b.at_s);
  const windowS = opts.baselineWindowS ?? DEFAULT_BASELINE_WINDOW_S;
  const firstSecond = Math.floor(faults[0]?.at_s ?? Infinity);
  const baseline = baselineOf(rows.filter((r) => r.t < firstSecond && r.t >= firstSecond - windowS));
  const thresholds = healthThresholds(baseline, opts.slo);
  const healthy = rows.map((r) => isHealthy(r, thresholds));
  const watched = opts.sources ? watchedSeries(opts.sources) : [];
  const recoveries = pairRecoveries(
    faults,
    actions.filter((a) => a.kind === 'recover'),
  );

  const analysed = faults.map((fault, i) =>
    analyzeFault(fault, recoveries[i], { rows, healthy, thresholds, consecutive: opts.consecutive }, watched, {
      consecutive: opts.consecutive,
      baselineWindowS: windowS,
      lagBudgetS: opts.budgets?.replica_lag !== undefined ? opts.budgets.replica_lag / 1000 : DEFAULT_LAG_BUDGET_S,
    }),
  );
  const union = [...new Set(analysed.flatMap((a) => a.window))].sort((a, b) => a - b);
  const sources = combineSources(analysed.map((a) => a.result.sources ?? []));
  const result: DrillResult = {
    actions: [...actions],
    baseline: { p95_ms: baseline.p95_ms, error_rate: baseline.error_rate },
    degradation: degradationOf(
      union.map((i) => rows[i]!),
      thresholds,
    ),
    recovery_s: faults.length ? worst(analysed.map((a) => a.result.recovery_s)) : null,
    summary: analysed.map((a) => faultLine(a.result, baseline, a.measured)).join('\n') || 'no fault was run',
    thresholds: {
      p95_ms: thresholds.p95_ms,
      error_rate: thresholds.error_rate,
      from: thresholds.from,
      consecutive: opts.consecutive,
    },
    faults: analysed.map((a) => a.result),
  };
  if (sources.length > 0) {
    result.sources = sources;
    result.sources_recovery_s = Object.fromEntries(sources.map((s) => [s.key, s.recovery_s]));
  }
  return result;
}

interface TimelineView {
  rows: TimelineRow[];
  healthy: boolean[];
  thresholds: HealthThresholds;
  consecutive: number;
}

function analyzeFault(
  fault: DrillActionResult,
  recover: DrillActionResult | undefined,
  view: TimelineView,
  watched: WatchedSeries[],
  sourceOpts: SourceRecoveryOptions,
): FaultAnalysis {
  const result: DrillFaultResult = {
    name: fault.name,
    at_s: fault.at_s,
    exit_code: fault.exit_code,
    timed_out: fault.timed_out,
    degradation: degradationOf([], view.thresholds),
    recovery_s: null,
  };
  if (recover) result.recover_at_s = recover.at_s;
  const recoveredSources = watched.flatMap((w) => sourceRecovery(w, fault.at_s, sourceOpts) ?? []);
  if (recoveredSources.length > 0) result.sources = recoveredSources;

  const from = view.rows.findIndex((r) => r.t >= Math.floor(fault.at_s));
  if (from < 0) return { result, window: [], measured: false };
  const { firstBad, recovered } = findRecovery(view.healthy, from, view.consecutive);
  // Unaffected: the seconds that showed it stand for the fault's window.
  const end = firstBad === null ? Math.min(view.rows.length, from + view.consecutive) : (recovered ?? view.rows.length);
  const window = range(from, end);
  result.degradation = degradationOf(
    window.map((i) => view.rows[i]!),
    view.thresholds,
  );
  result.recovery_s =
    firstBad === null ? 0 : recovered === null ? null : round1(Math.max(0, view.rows[recovered]!.t - fault.at_s));
  return { result, window, measured: true };
}

function degradationOf(rows: readonly TimelineRow[], t: HealthThresholds): DrillDegradation {
  const byClass: Record<string, number> = {};
  for (const r of rows) addClasses(byClass, errorClassesOf(r));
  return {
    p95_ms: Math.max(0, ...rows.map((r) => r.p95)),
    error_rate: Math.max(0, ...rows.map(errorRateOf)),
    by_class: byClass,
    seconds: rows.filter((r) => errorRateOf(r) > t.error_rate).length,
  };
}

/** The i-th fault of a name pairs with the i-th recovery of that name that started after it. */
function pairRecoveries(
  faults: readonly DrillActionResult[],
  recovers: readonly DrillActionResult[],
): (DrillActionResult | undefined)[] {
  const unused = [...recovers].sort((a, b) => a.at_s - b.at_s);
  return faults.map((f) => {
    const i = unused.findIndex((r) => r.name === f.name && r.at_s >= f.at_s);
    return i < 0 ? undefined : unused.splice(i, 1)[0];
  });
}

/** Over several faults a source recovered when it recovered from the slowest one. */
function combineSources(perFault: DrillSourceRecovery[][]): DrillSourceRecovery[] {
  const byKey = new Map<string, DrillSourceRecovery>();
  for (const list of perFault) {
    for (const s of list) {
      const seen = byKey.get(s.key);
      if (!seen) byKey.set(s.key, { ...s });
      else {
        seen.peak = Math.max(seen.peak, s.peak);
        seen.recovery_s = worst([seen.recovery_s, s.recovery_s]);
      }
    }
  }
  return [...byKey.values()];
}

/** The slowest recovery; null (never recovered) wins. */
function worst(values: readonly (number | null)[]): number | null {
  if (values.some((v) => v === null)) return null;
  return Math.max(0, ...(values as number[]));
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: Math.max(0, to - from) }, (_, i) => from + i);
const round1 = (x: number): number => Math.round(x * 10) / 10;
