/**
 * Flows from several workers or shards: counters summed, iteration histograms added, the summary read from the
 * sum — exactly what one engine running every iteration would report. Pure.
 */
import type { FlowTally } from '../flow/flow-recorder.js';
import { flowResult } from '../flow/flow-summary.js';
import { encodeHistogram, mergeEncoded } from '../load/histogram.js';
import type { DataSetUse, FlowResult } from '../result/run-result.js';

export function mergeFlowTallies(parts: readonly FlowTally[]): FlowTally {
  const targets = parts.map((p) => p.target_rate).filter((t): t is number => t !== undefined);
  return {
    iterations: sum(parts, (p) => p.iterations),
    completed: sum(parts, (p) => p.completed),
    failed: sum(parts, (p) => p.failed),
    dropped: sum(parts, (p) => p.dropped),
    failed_at: addCounts(parts.map((p) => p.failed_at)),
    failed_by_class: addCounts(parts.map((p) => p.failed_by_class)),
    histogram: encodeHistogram(mergeEncoded(parts.map((p) => p.histogram))),
    ...(targets.length ? { target_rate: targets.reduce((a, b) => a + b, 0) } : {}),
  };
}

/** Per flow, the tallies of parts that ran the same plan (same flows, same order). */
export function mergeFlowOutcomes(parts: readonly (readonly FlowTally[])[]): FlowTally[] {
  return parts[0]!.map((_, i) => mergeFlowTallies(parts.map((p) => p[i]!)));
}

/** Flows of shard results, by name. */
export function mergeFlowResults(
  parts: readonly (Record<string, FlowResult> | undefined)[],
  durationS: number,
): Record<string, FlowResult> | undefined {
  const present = parts.filter((p): p is Record<string, FlowResult> => p !== undefined);
  if (!present.length) return undefined;
  const out: Record<string, FlowResult> = {};
  for (const [name, meta] of Object.entries(present[0]!)) {
    const tallies = present.map((p) => p[name]).filter((f): f is FlowResult => f !== undefined);
    const merged = mergeFlowTallies(tallies.map((t) => ({ ...t, target_rate: t.summary.target_rate })));
    out[name] = flowResult(meta, merged, durationS);
  }
  return out;
}

/** Data set use summed over parts; a set ran out when any part's slice did. */
export function mergeDataUse(
  parts: readonly (Record<string, DataSetUse> | undefined)[],
): Record<string, DataSetUse> | undefined {
  const present = parts.filter((p): p is Record<string, DataSetUse> => p !== undefined);
  if (!present.length) return undefined;
  const out: Record<string, DataSetUse> = {};
  for (const use of present) {
    for (const [name, u] of Object.entries(use)) {
      const prev = out[name];
      out[name] = prev
        ? {
            mode: u.mode,
            rows: u.mode === 'unique' ? prev.rows + u.rows : u.rows,
            used: prev.used + u.used,
            exhausted: prev.exhausted || u.exhausted,
          }
        : { ...u };
    }
  }
  return out;
}

function addCounts(parts: readonly Record<string, number>[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const part of parts) for (const [k, n] of Object.entries(part)) out[k] = (out[k] ?? 0) + n;
  return out;
}

function sum<T>(parts: readonly T[], f: (p: T) => number): number {
  return parts.reduce((n, p) => n + f(p), 0);
}
