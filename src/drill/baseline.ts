/**
 * The service's normal: over the seconds before the first fault, the typical second's p95 (the median of
 * the per-second p95s, the figure each second is later judged by) and the error rate. The first second of
 * load is left out when there are others: it carries connection setup and a cold target.
 */
import type { TimelineRow } from '../result/run-result.js';

export interface Baseline {
  p95_ms: number;
  error_rate: number;
  /** Seconds the baseline was taken over (0: the fault came first, nothing to compare with). */
  seconds: number;
}

export function baselineOf(window: readonly TimelineRow[]): Baseline {
  const rows = window.length > 1 ? window.filter((r) => r.t !== 0) : window;
  const requests = rows.reduce((a, r) => a + r.requests, 0);
  const errors = rows.reduce((a, r) => a + r.errors, 0);
  return { p95_ms: medianP95(rows), error_rate: requests ? errors / requests : 0, seconds: rows.length };
}

function medianP95(rows: readonly TimelineRow[]): number {
  const sorted = rows
    .filter((r) => r.requests > 0)
    .map((r) => r.p95)
    .sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const mid = sorted.length / 2;
  return Number.isInteger(mid) ? (sorted[mid - 1]! + sorted[mid]!) / 2 : sorted[Math.floor(mid)]!;
}
