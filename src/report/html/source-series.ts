/**
 * Turns a source's sampled series into chartable lines: cumulative counters become per-second rates
 * (what "DB activity" means to a reader), gauges are drawn as sampled, constant values are listed.
 */
import type { SeriesPoint, SourceResult } from '../../result/run-result.js';
import type { ChartPoint } from './chart.js';
import type { ValueUnit } from '../../util/format.js';

export interface SourceLine {
  key: string;
  label: string;
  kind: 'gauge' | 'rate';
  unit: ValueUnit;
  points: ChartPoint[];
}

export interface SourceLines {
  charted: SourceLine[];
  constant: { key: string; value: number }[];
  /** Keys left out past the per-source cap. */
  omitted: string[];
}

export const MAX_CHARTS_PER_SOURCE = 12;

const COUNTER_SUFFIXES = [
  'hits',
  'misses',
  'commit',
  'rollback',
  'calls',
  'scan',
  'fetch',
  'returned',
  'fetched',
  'inserted',
  'updated',
  'deleted',
  'total',
  'evicted',
  'expired',
  'commands',
  'connections_received',
  'blks_read',
  'blks_hit',
  'tup_read',
  'tup_fetch',
  'temp_bytes',
  'deadlocks',
];
const COUNTER_PREFIXES = ['xact_', 'blks_', 'tup_', 'keyspace_', 'evicted_', 'total_'];
const COUNTER_NAME = new RegExp(`(^|_)(${COUNTER_SUFFIXES.join('|')})$|^(${COUNTER_PREFIXES.join('|')})`);
const PRIORITY = [/hit_ratio|offload/, /lag/, /depth/, /xact|tps|calls|ops_per_s|blks/];

function unitOf(key: string): ValueUnit {
  if (/ratio|offload/.test(key)) return 'ratio';
  if (/lag.*_s$|_s$|seconds/.test(key)) return 's';
  if (/_ms$/.test(key)) return 'ms';
  if (/bytes|memory/.test(key)) return 'bytes';
  return 'count';
}

function keysInOrder(series: SeriesPoint[]): string[] {
  const keys = new Set<string>();
  for (const p of series) for (const k of Object.keys(p.values)) keys.add(k);
  const rank = (k: string): number => {
    const i = PRIORITY.findIndex((re) => re.test(k));
    return i < 0 ? PRIORITY.length : i;
  };
  return [...keys].sort((a, b) => rank(a) - rank(b));
}

function pointsOf(series: SeriesPoint[], key: string): ChartPoint[] {
  const out: ChartPoint[] = [];
  for (const p of series) {
    const v = p.values[key];
    if (typeof v === 'number' && Number.isFinite(v)) out.push({ t: p.t, v });
  }
  return out;
}

const isMonotonic = (pts: ChartPoint[]): boolean => pts.every((p, i) => i === 0 || p.v >= pts[i - 1]!.v);

/** Δvalue ÷ Δt between consecutive samples, at the later sample's time. */
export function ratePoints(pts: ChartPoint[]): ChartPoint[] {
  const out: ChartPoint[] = [];
  for (let i = 1; i < pts.length; i++) {
    const dt = pts[i]!.t - pts[i - 1]!.t;
    if (dt > 0) out.push({ t: pts[i]!.t, v: (pts[i]!.v - pts[i - 1]!.v) / dt });
  }
  return out;
}

export function sourceLines(source: SourceResult): SourceLines {
  const charted: SourceLine[] = [];
  const constant: SourceLines['constant'] = [];
  const omitted: string[] = [];
  for (const key of keysInOrder(source.series)) {
    const pts = pointsOf(source.series, key);
    if (pts.length === 0) continue;
    if (pts.every((p) => p.v === pts[0]!.v) && pts.length > 1) {
      constant.push({ key, value: pts[0]!.v });
      continue;
    }
    if (charted.length >= MAX_CHARTS_PER_SOURCE) {
      omitted.push(key);
      continue;
    }
    const counter = COUNTER_NAME.test(key) && isMonotonic(pts) && pts.length > 1;
    charted.push(
      counter
        ? { key, label: `${key} per second`, kind: 'rate', unit: 'count', points: ratePoints(pts) }
        : { key, label: key, kind: 'gauge', unit: unitOf(key), points: pts },
    );
  }
  return { charted, constant, omitted };
}
