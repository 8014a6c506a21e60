/**
 * Adds up per-second timelines of workers or shards. Each series is shifted by its offset in whole seconds
 * (0 for worker threads, which share one start instant; wall-clock alignment for shards) and the rows of the
 * same second are summed, their latency histograms added. Pure.
 */
import { encodeHistogram, mergeEncoded, summarizeHistogram } from '../load/histogram.js';
import { mergeCounts } from './merge-summary.js';
import { ERROR_CLASSES, type ErrorClass, type TimelineRow } from '../result/run-result.js';

export interface TimelineSeries {
  rows: readonly TimelineRow[];
  /** Seconds to add to every row's t. */
  offsetS: number;
}

/** One row from the rows of the same second. */
export function mergeRows(t: number, rows: readonly TimelineRow[]): TimelineRow {
  const latency = mergeEncoded(rows.map((r) => r.histogram));
  const { p50, p95, p99 } = summarizeHistogram(latency);
  const requests = rows.reduce((n, r) => n + r.requests, 0);
  const byClass: Partial<Record<ErrorClass, number>> = {};
  for (const c of ERROR_CLASSES) {
    const n = rows.reduce((acc, r) => acc + (r.errors_by_class[c] ?? 0), 0);
    if (n > 0) byClass[c] = n;
  }
  return {
    t,
    rps: requests,
    p50,
    p95,
    p99,
    errors: rows.reduce((n, r) => n + r.errors, 0),
    requests,
    dropped: rows.reduce((n, r) => n + r.dropped, 0),
    errors_by_class: byClass,
    status_codes: mergeCounts(rows.map((r) => r.status_codes)),
    histogram: encodeHistogram(latency),
  };
}

/** One timeline from 0 to the last second any series reached; a second nobody recorded is an empty row. */
export function mergeTimelines(series: readonly TimelineSeries[]): TimelineRow[] {
  const bySecond = new Map<number, TimelineRow[]>();
  for (const { rows, offsetS } of series) {
    for (const row of rows) {
      const t = row.t + offsetS;
      const list = bySecond.get(t);
      if (list) list.push(row);
      else bySecond.set(t, [row]);
    }
  }
  if (bySecond.size === 0) return [];
  const last = Math.max(...bySecond.keys());
  const out: TimelineRow[] = [];
  for (let t = 0; t <= last; t++) out.push(mergeRows(t, bySecond.get(t) ?? []));
  return out;
}
