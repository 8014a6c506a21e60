/**
 * Generator health of several workers or shards: the worst of each figure, lagged when any part lagged, and
 * every part's reason named after the part ("worker 2: …", "shard 3: …"). Pure.
 */
import type { GeneratorHealth } from '../result/run-result.js';

export function mergeGeneratorHealth(
  parts: readonly GeneratorHealth[],
  partName: (index: number) => string,
): GeneratorHealth {
  if (parts.length === 1) return parts[0]!;
  const worst = (f: (g: GeneratorHealth) => number): number => Math.max(0, ...parts.map(f));
  const reasons = parts.flatMap((g, i) => (g.lagged && g.reason ? [`${partName(i)}: ${g.reason}`] : []));
  return {
    event_loop_delay_ms: {
      p50: worst((g) => g.event_loop_delay_ms.p50),
      p99: worst((g) => g.event_loop_delay_ms.p99),
      max: worst((g) => g.event_loop_delay_ms.max),
    },
    schedule_lag_ms: {
      p50: worst((g) => g.schedule_lag_ms.p50),
      p99: worst((g) => g.schedule_lag_ms.p99),
      max: worst((g) => g.schedule_lag_ms.max),
    },
    cpu_ratio: worst((g) => g.cpu_ratio),
    lagged: parts.some((g) => g.lagged),
    ...(reasons.length ? { reason: reasons.join('; ') } : {}),
  };
}
