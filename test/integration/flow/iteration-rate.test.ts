import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeHistogram, summarizeHistogram } from '../../../src/load/histogram.js';
import { runEngine } from '../../support/run-engine.js';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';

let target: TargetServer;
beforeAll(async () => {
  target = await startTargetServer();
});
afterAll(() => target.close());

describe('the open model with a flow', () => {
  it('starts 200 iterations/s of a 4-step flow within 3 %, each measured from its intended start', async () => {
    const rate = 200;
    const seconds = 5;
    // Midway the generator's own loop stalls for 300 ms: the iterations due then leave late, and their latency
    // must count from when they were due (coordinated omission corrected), not from when they left.
    const stall = setTimeout(() => {
      const until = performance.now() + 300;
      while (performance.now() < until) {
        /* busy */
      }
    }, 2500);
    const outcome = await runEngine({
      target: target.url,
      flows: [
        {
          name: 'f',
          steps: [
            { name: 'one', path: '/fast' },
            { name: 'two', path: '/delay?ms=5' },
            { name: 'three', path: '/delay?ms=5' },
            { name: 'four', path: '/status?code=200' },
          ],
        },
      ],
      load: { rate, duration: `${seconds}s` },
    });
    clearTimeout(stall);
    const stats = await target.stats();
    const started = stats.byPath['/fast'] ?? 0;
    expect(Math.abs(started - rate * seconds) / (rate * seconds)).toBeLessThanOrEqual(0.03);
    const [flow] = outcome.flows!;
    expect(flow!.dropped).toBe(0);
    expect(flow!.failed).toBe(0);
    expect(flow!.iterations).toBe(started);
    // Every iteration that finished its last step on the server is one the engine counted as completed.
    expect(stats.byPath['/status']).toBe(flow!.completed);
    expect(stats.byPath['/delay']).toBe(2 * flow!.completed);
    expect(flow!.target_rate).toBeCloseTo(rate, 5);
    const latency = summarizeHistogram(decodeHistogram(flow!.histogram));
    expect(decodeHistogram(flow!.histogram).totalCount).toBe(flow!.completed);
    expect(latency.p50).toBeGreaterThanOrEqual(10); // two 5 ms steps at least
    expect(latency.max).toBeGreaterThanOrEqual(250);
    expect(outcome.endpoints[0]!.summary.latency_ms.max).toBeGreaterThanOrEqual(250);
    // Open model: 4 requests per arrival is the request rate the schedule asks for.
    expect(outcome.summary.target_rps).toBeCloseTo(4 * rate, 5);
    expect(outcome.summary.requests).toBe(4 * flow!.completed);
  }, 60_000);
});
