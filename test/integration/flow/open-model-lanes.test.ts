import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { decodeHistogram, summarizeHistogram } from '../../../src/load/histogram.js';
import type { ConfigInput } from '../../../src/config/schema.js';
import { runEngine } from '../../support/run-engine.js';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';

// Every request answered after exactly 1 s; the server's counter is the truth.
let target: TargetServer;
beforeAll(async () => {
  target = await startTargetServer();
});
afterAll(() => target.close());
beforeEach(() => target.reset());

const slowFlow = (load: ConfigInput['load']): ConfigInput => ({
  target: target.url,
  flows: [
    {
      name: 'slow',
      steps: [
        { name: 'a', path: '/delay?ms=1000' },
        { name: 'b', path: '/delay?ms=1000' },
        { name: 'c', path: '/delay?ms=1000' },
      ],
    },
  ],
  load,
});

describe('flow iterations in the open model get their lane when due', () => {
  it('a 3 × 1 s journey at 10/s for 6 s reads as 3 s, not as the wait for a lane', async () => {
    const outcome = await runEngine(slowFlow({ rate: 10, duration: '6s', warmup: '0s' }));
    const stats = await target.stats();
    const [flow] = outcome.flows!;
    expect(flow!.completed).toBe(60);
    expect(flow!.failed).toBe(0);
    expect(flow!.dropped).toBe(0);
    expect(stats.count).toBe(180);
    const latency = summarizeHistogram(decodeHistogram(flow!.histogram));
    // The journey's own 3 s, widened only by how late the generator measured its own event loop.
    expect(latency.p50).toBeGreaterThanOrEqual(3000);
    expect(latency.p50).toBeLessThanOrEqual(3300 + outcome.generator.event_loop_delay_ms.p99);
    expect(outcome.generator.limited_by).toBeUndefined();
    expect(outcome.generator.queue_ms!.p99 - outcome.generator.schedule_lag_ms.p99).toBeLessThanOrEqual(10);
  }, 30_000);

  it('max_in_flight: 10 drops the iterations beyond it, counted, and the generator names the bound', async () => {
    const outcome = await runEngine(slowFlow({ rate: 10, duration: '4s', warmup: '0s', max_in_flight: 10 }));
    const [flow] = outcome.flows!;
    expect(flow!.dropped).toBeGreaterThan(10);
    expect(flow!.iterations + flow!.dropped).toBeGreaterThanOrEqual(39);
    expect(outcome.generator.lagged).toBe(true);
    expect(outcome.generator.limited_by).toBe('max_in_flight');
    expect(outcome.generator.reason).toMatch(/raise load\.max_in_flight/);
  }, 30_000);
});
