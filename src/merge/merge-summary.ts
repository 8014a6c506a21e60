/**
 * Adds up recorded series (a run's or one endpoint's) from several workers or shards: histograms by HDR
 * addition, counters by sum; percentiles are then read from the summed histograms, so they are exactly what one
 * recorder seeing every response would report. Pure.
 */
import { encodeHistogram, mergeEncoded, summarizeHistogram } from '../load/histogram.js';
import {
  ERROR_CLASSES,
  type EncodedHistograms,
  type ErrorClass,
  type LatencySummary,
  type Summary,
} from '../result/run-result.js';

export interface RecordedSeries {
  summary: Summary;
  histograms: EncodedHistograms;
}

export function mergeRecorded(parts: readonly RecordedSeries[], durationS: number): RecordedSeries {
  const latency = mergeEncoded(parts.map((p) => p.histograms.latency));
  const service = mergeEncoded(parts.map((p) => p.histograms.service_time));
  const errorLatency = mergeEncoded(parts.map((p) => p.histograms.errors));
  const requests = sum(parts, (p) => p.summary.requests);
  const errors = sum(parts, (p) => p.summary.errors);
  const targets = parts.map((p) => p.summary.target_rps).filter((t): t is number => t !== undefined);
  const summary: Summary = {
    requests,
    rps: durationS > 0 ? round2(requests / durationS) : 0,
    success_rps: durationS > 0 ? round2((requests - errors) / durationS) : 0,
    errors,
    error_rate: requests ? errors / requests : 0,
    dropped: sum(parts, (p) => p.summary.dropped),
    latency_ms: withRawMax(
      summarizeHistogram(latency),
      parts.map((p) => p.summary.latency_ms),
    ),
    service_time_ms: withRawMax(
      summarizeHistogram(service),
      parts.map((p) => p.summary.service_time_ms),
    ),
    errors_by_class: mergeErrorClasses(parts.map((p) => p.summary.errors_by_class)),
    status_codes: mergeCounts(parts.map((p) => p.summary.status_codes)),
    bytes_received: sum(parts, (p) => p.summary.bytes_received),
  };
  if (errors)
    summary.error_latency_ms = withRawMax(
      summarizeHistogram(errorLatency),
      parts.map((p) => p.summary.error_latency_ms),
    );
  if (targets.length) summary.target_rps = round2(targets.reduce((a, b) => a + b, 0));
  return {
    summary,
    histograms: {
      latency: encodeHistogram(latency),
      service_time: encodeHistogram(service),
      errors: encodeHistogram(errorLatency),
    },
  };
}

/**
 * An encoded histogram keeps each value's bucket, not the value, so its max is the bucket's top; each part's
 * summary still has the exact largest value it recorded, and the largest of those is the exact max of all.
 */
function withRawMax(merged: LatencySummary, parts: readonly (LatencySummary | undefined)[]): LatencySummary {
  const maxima = parts.filter((p): p is LatencySummary => p !== undefined).map((p) => p.max);
  return maxima.length ? { ...merged, max: Math.max(...maxima) } : merged;
}

export function mergeErrorClasses(parts: readonly Partial<Record<ErrorClass, number>>[]): Record<ErrorClass, number> {
  return Object.fromEntries(ERROR_CLASSES.map((c) => [c, parts.reduce((n, p) => n + (p[c] ?? 0), 0)])) as Record<
    ErrorClass,
    number
  >;
}

/** Status code → count, summed; keys in numeric order as the recorder writes them. */
export function mergeCounts(parts: readonly Record<string, number>[]): Record<string, number> {
  const total = new Map<string, number>();
  for (const p of parts) for (const [k, v] of Object.entries(p)) total.set(k, (total.get(k) ?? 0) + v);
  return Object.fromEntries([...total].sort((a, b) => Number(a[0]) - Number(b[0])));
}

const sum = <T>(xs: readonly T[], f: (x: T) => number): number => xs.reduce((n, x) => n + f(x), 0);
const round2 = (x: number): number => Math.round(x * 100) / 100;
