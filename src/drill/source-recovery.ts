/**
 * Recovery of the systems behind the service after a fault: replica lag back under its budget, queue depth
 * back to where it was before the fault. Works on the series the sources recorded (t = seconds since
 * measured load start, sampling may go on after the load while queues drain).
 */
import type { SourceResult } from '../result/run-result.js';
import { findRecovery } from './recovery-point.js';

export type WatchedKind = 'replica_lag' | 'queue_depth';

export interface WatchedSeries {
  /** "<source id>.<value name>", e.g. "postgres.replica_1_lag_s", "celery.depth". */
  key: string;
  kind: WatchedKind;
  points: { t: number; v: number }[];
  /** The depth when the load started, as the queue source reported it. */
  start?: number;
}

export interface SourceRecovery {
  key: string;
  kind: WatchedKind;
  /** Lag in seconds or depth in messages. */
  threshold: number;
  peak: number;
  recovery_s: number | null;
}

/** Default replica lag budget (s), as db.replica-lag judges it. */
export const DEFAULT_LAG_BUDGET_S = 1;

const REPLICA_LAG = /^replica_\d+_lag_s$/;
const STANDBY_LAG = /^standby_\d+_replay_lag_s$/;

/**
 * The series a drill watches: each replica's lag (as the replica reports it, else as the primary sees it) and
 * queue depth.
 */
export function watchedSeries(sources: Record<string, SourceResult>): WatchedSeries[] {
  const out: WatchedSeries[] = [];
  for (const source of Object.values(sources)) {
    const names = new Set(source.series.flatMap((p) => Object.keys(p.values)));
    const replicaLag = [...names].filter((n) => REPLICA_LAG.test(n));
    const lag = replicaLag.length > 0 ? replicaLag : [...names].filter((n) => STANDBY_LAG.test(n));
    for (const name of lag.sort())
      out.push({ key: `${source.id}.${name}`, kind: 'replica_lag', points: pointsOf(source, name) });
    if (names.has('depth')) {
      const start = source.deltas.depth_start;
      out.push({
        key: `${source.id}.depth`,
        kind: 'queue_depth',
        points: pointsOf(source, 'depth'),
        ...(typeof start === 'number' ? { start } : {}),
      });
    }
  }
  return out;
}

function pointsOf(source: SourceResult, name: string): { t: number; v: number }[] {
  return source.series
    .filter((p) => typeof p.values[name] === 'number' && Number.isFinite(p.values[name]))
    .map((p) => ({ t: p.t, v: p.values[name]! }))
    .sort((a, b) => a.t - b.t);
}

export interface SourceRecoveryOptions {
  consecutive: number;
  /** Seconds before the fault that tell a queue's normal depth. */
  baselineWindowS: number;
  lagBudgetS: number;
}

/** Undefined when the series has no sample after the fault (nothing to tell). */
export function sourceRecovery(
  series: WatchedSeries,
  faultAtS: number,
  opts: SourceRecoveryOptions,
): SourceRecovery | undefined {
  const from = series.points.findIndex((p) => p.t >= faultAtS);
  if (from < 0) return undefined;
  const threshold =
    series.kind === 'replica_lag' ? opts.lagBudgetS : normalDepth(series, faultAtS, opts.baselineWindowS);
  const healthy = series.points.map((p) => p.v <= threshold);
  const { firstBad, recovered } = findRecovery(healthy, from, opts.consecutive);
  const until = recovered ?? series.points.length;
  const during = series.points.slice(from, Math.max(until, from + 1));
  return {
    key: series.key,
    kind: series.kind,
    threshold,
    peak: Math.max(...during.map((p) => p.v)),
    recovery_s:
      firstBad === null ? 0 : recovered === null ? null : round1(Math.max(0, series.points[recovered]!.t - faultAtS)),
  };
}

/** A queue is back when it holds no more than it did at the start or in the seconds before the fault. */
function normalDepth(series: WatchedSeries, faultAtS: number, windowS: number): number {
  const before = series.points.filter((p) => p.t < faultAtS && p.t >= faultAtS - windowS).map((p) => p.v);
  const candidates = [...before, ...(series.start === undefined ? [] : [series.start])];
  return candidates.length > 0 ? Math.max(...candidates) : (series.points[0]?.v ?? 0);
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
