/**
 * HDR histograms as scale-audit uses them: values in microseconds, 1 µs to 60 s, 3 significant digits.
 * Encoded (compressed base64) in run.json so runs, workers and shards merge exactly.
 */
import * as hdr from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';
import type { LatencySummary } from '../result/run-result.js';

export type { Histogram };

export const HIGHEST_US = 60_000_000;

export function createHistogram(): Histogram {
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: HIGHEST_US,
    numberOfSignificantValueDigits: 3,
    autoResize: false,
    bitBucketSize: 32,
  });
}

/** Records a latency given in milliseconds; values above 60 s are clamped (they still count). */
export function recordMs(h: Histogram, ms: number): void {
  const us = Math.round(ms * 1000);
  h.recordValue(us < 1 ? 1 : Math.min(us, HIGHEST_US));
}

export function encodeHistogram(h: Histogram): string {
  return hdr.encodeIntoCompressedBase64(h);
}

export function decodeHistogram(encoded: string): Histogram {
  const h = createHistogram();
  h.add(readHistogram(encoded));
  return h;
}

/** A decoded histogram to read (percentiles, counts), without copying it into one of ours: cheaper. */
export function readHistogram(encoded: string): Histogram {
  return hdr.decodeFromCompressedBase64(encoded, 32, false, HIGHEST_US);
}

/** Sum of encoded histograms (exact, as HDR addition is). */
export function mergeEncoded(encoded: Iterable<string>): Histogram {
  const total = createHistogram();
  for (const e of encoded) if (e) total.add(readHistogram(e));
  return total;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Percentiles in milliseconds (0 for an empty histogram). */
export function summarizeHistogram(h: Histogram): LatencySummary {
  if (h.totalCount === 0) return { p50: 0, p90: 0, p95: 0, p99: 0, max: 0, mean: 0 };
  const at = (p: number): number => round3(h.getValueAtPercentile(p) / 1000);
  return {
    p50: at(50),
    p90: at(90),
    p95: at(95),
    p99: at(99),
    max: round3(h.maxValue / 1000),
    mean: round3(h.mean / 1000),
  };
}

/** How many recorded values are at or below each of `values` (bucket-exact, as `getValueAtPercentile` counts). */
export function countsAtOrBelow(h: Histogram, values: readonly number[]): number[] {
  if (!(h instanceof hdr.JsHistogram)) throw new TypeError('countsAtOrBelow needs a JS histogram');
  const last = h.countsArrayLength - 1;
  const limits = values.map((v) => Math.min(h.countsArrayIndex(Math.max(1, v)), last));
  const top = Math.min(Math.max(...limits, 0), h.countsArrayIndex(Math.max(1, h.maxValue)));
  const cumulative = new Float64Array(top + 1);
  let running = 0;
  for (let i = 0; i <= top; i++) cumulative[i] = running += h.getCountAtIndex(i);
  return limits.map((i) => cumulative[Math.min(i, top)]!);
}

/** The value of the `rank`-th smallest recorded value (1-based), in the histogram's unit (µs). */
export function valueAtRank(h: Histogram, rank: number): number {
  return h.getValueAtPercentile((100 * rank) / h.totalCount);
}
