/**
 * Generator health of several workers or shards: the worst of each figure, lagged when any part lagged, and
 * every part's reason named after the part ("worker 2: …", "shard 3: …"). Pure.
 */
import type { GeneratorHealth } from '../result/run-result.js';

type Percentiles = GeneratorHealth['schedule_lag_ms'];

export function mergeGeneratorHealth(
  parts: readonly GeneratorHealth[],
  partName: (index: number) => string,
): GeneratorHealth {
  if (parts.length === 1) return parts[0]!;
  const reasons = parts.flatMap((g, i) => (g.lagged && g.reason ? [`${partName(i)}: ${g.reason}`] : []));
  const queued = parts.flatMap((g) => (g.queue_ms ? [g.queue_ms] : []));
  const limit = parts.find((g) => g.limited_by)?.limited_by;
  return {
    event_loop_delay_ms: worstOf(parts.map((g) => g.event_loop_delay_ms)),
    schedule_lag_ms: worstOf(parts.map((g) => g.schedule_lag_ms)),
    ...(queued.length ? { queue_ms: worstOf(queued) } : {}),
    cpu_ratio: Math.max(0, ...parts.map((g) => g.cpu_ratio)),
    lagged: parts.some((g) => g.lagged),
    ...(reasons.length ? { reason: reasons.join('; ') } : {}),
    ...(limit ? { limited_by: limit } : {}),
  };
}

function worstOf(all: readonly Percentiles[]): Percentiles {
  const worst = (f: (p: Percentiles) => number): number => Math.max(0, ...all.map(f));
  return { p50: worst((p) => p.p50), p99: worst((p) => p.p99), max: worst((p) => p.max) };
}
