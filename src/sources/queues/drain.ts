import type { TimedValue } from '../slope.js';

/**
 * Seconds after the load stopped until the depth was back to its starting value, read from the samples
 * (so the answer is as fine as the sampling interval, and never earlier than the sample that showed it).
 * 0 when the depth was already back at the last sample of the load; null when no later sample shows it back.
 */
export function drainSeconds(points: readonly TimedValue[], loadEndT: number, startDepth: number): number | null {
  const sorted = [...points].sort((a, b) => a.t - b.t);
  const lastDuringLoad = sorted.filter((p) => p.t <= loadEndT).at(-1);
  if (lastDuringLoad && lastDuringLoad.v <= startDepth) return 0;
  const back = sorted.find((p) => p.t > loadEndT && p.v <= startDepth);
  return back ? back.t - loadEndT : null;
}
