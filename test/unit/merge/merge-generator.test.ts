import { describe, expect, it } from 'vitest';
import { mergeGeneratorHealth } from '../../../src/merge/merge-generator.js';
import type { GeneratorHealth } from '../../../src/result/run-result.js';

const part = (queue: number, extra: Partial<GeneratorHealth> = {}): GeneratorHealth => ({
  event_loop_delay_ms: { p50: 10, p99: 12, max: 20 },
  schedule_lag_ms: { p50: 0.5, p99: 1.5, max: 3 },
  queue_ms: { p50: queue / 4, p99: queue, max: queue * 2 },
  cpu_ratio: 0.3,
  lagged: false,
  ...extra,
});

describe('mergeGeneratorHealth', () => {
  it('keeps the worst queue time of the parts and the limit of the part that reached it', () => {
    const limited = part(800, {
      lagged: true,
      reason: 'requests waited up to 800 ms (p99) for a socket: raise load.max_in_flight',
      limited_by: 'max_in_flight',
    });
    const merged = mergeGeneratorHealth([part(2), limited], (i) => `worker ${i + 1}`);
    expect(merged.queue_ms).toEqual({ p50: 200, p99: 800, max: 1600 });
    expect(merged.limited_by).toBe('max_in_flight');
    expect(merged.lagged).toBe(true);
    expect(merged.reason).toBe('worker 2: requests waited up to 800 ms (p99) for a socket: raise load.max_in_flight');
  });

  it('parts from before queue_ms existed merge without one', () => {
    const { queue_ms: _q, ...old } = part(0);
    const merged = mergeGeneratorHealth([old, old], (i) => `shard ${i + 1}`);
    expect(merged.queue_ms).toBeUndefined();
    expect(merged.limited_by).toBeUndefined();
  });
});
