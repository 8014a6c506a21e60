import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/load.js';
import type { ConfigInput } from '../../../src/config/schema.js';
import { buildEnginePlan } from '../../../src/load/plan/plan.js';
import { WorkerPoolEngine } from '../../../src/load/workers/workers.js';
import type { LoadOutcome } from '../../../src/load/engine.js';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';
import { runEngine } from '../../support/run-engine.js';

// A target that answers every request after a fixed delay; its own counter is the truth.
let target: TargetServer;
beforeAll(async () => {
  target = await startTargetServer();
});
afterAll(async () => {
  await target.close();
});
beforeEach(async () => {
  await target.reset();
});

const slowView = (load: ConfigInput['load']): ConfigInput => ({
  target: target.url,
  endpoints: [{ path: '/delay?ms=1000' }],
  load,
});

/** The target's own latency, widened only by how late the generator's event loop measured itself. */
function expectTargetLatency(outcome: LoadOutcome, serverMs: number, spreadMs: number): void {
  const own = outcome.generator.event_loop_delay_ms.p99;
  expect(outcome.summary.latency_ms.p50).toBeGreaterThanOrEqual(serverMs);
  expect(outcome.summary.latency_ms.p50).toBeLessThanOrEqual(serverMs + spreadMs + own);
}

/**
 * lagged: false, unless the machine starved the generator (its timers late, which it measured and says): that a
 * busy machine can cause, a socket shortage it cannot. Either way no request waited for a socket.
 */
function expectNoLagOfItsOwnMaking(outcome: LoadOutcome): void {
  const g = outcome.generator;
  expect(g.limited_by).toBeUndefined();
  expect(g.queue_ms!.p99 - g.schedule_lag_ms.p99).toBeLessThanOrEqual(10);
  for (const reason of g.lagged ? g.reason!.split('; ') : []) {
    expect(reason).toMatch(/(requests left up to [\d.]+ ms late|the generator's event loop ran up to)/);
  }
}

describe('sockets on demand: a slow target is measured, not queued behind the pool', () => {
  it('a 1 s view at 50 req/s for 10 s: each answered in about 1 s, the generator did not lag', async () => {
    const outcome = await runEngine(slowView({ rate: 50, duration: '10s' }));
    const stats = await target.stats();
    expect(stats.count).toBeGreaterThanOrEqual(0.97 * 500);
    expect(outcome.summary.errors_by_class.timeout ?? 0).toBe(0);
    expect(outcome.summary.dropped).toBe(0);
    expectTargetLatency(outcome, 1000, 150);
    expectNoLagOfItsOwnMaking(outcome);
    // The pool of 8 opened up front grew to the ~50 in flight: no request waited for a socket.
    expect(outcome.generator.queue_ms!.p99).toBeLessThan(outcome.generator.schedule_lag_ms.p99 + 10);
  });

  it('the same over two worker threads, merged', async () => {
    const plan = buildEnginePlan(validateConfig(slowView({ rate: 50, duration: '10s' })));
    const outcome = await new WorkerPoolEngine(plan, 2).run();
    const stats = await target.stats();
    expect(stats.count).toBeGreaterThanOrEqual(0.97 * 500);
    expect(outcome.summary.errors_by_class.timeout ?? 0).toBe(0);
    expectTargetLatency(outcome, 1000, 150);
    expectNoLagOfItsOwnMaking(outcome);
    expect(outcome.generator.queue_ms).toBeDefined();
  });

  it('stages 200 ↔ 3 req/s against a 100 ms view: latency stays the view’s, no timeouts', async () => {
    const outcome = await runEngine({
      target: target.url,
      endpoints: [{ path: '/delay?ms=100' }],
      load: {
        stages: [
          { duration: '2s', rate: 200 },
          { duration: '1s', rate: 3 },
          { duration: '2s', rate: 200 },
          { duration: '1s', rate: 3 },
        ],
        timeout: '5s',
      },
    });
    const stats = await target.stats();
    expect(outcome.summary.errors).toBe(0);
    expect(outcome.summary.dropped).toBe(0);
    expect(stats.count).toBe(outcome.summary.requests);
    expectTargetLatency(outcome, 100, 50);
    expectNoLagOfItsOwnMaking(outcome);
  });

  it('max_in_flight: 20 against the 1 s view at 50 req/s: drops counted, the generator names itself', async () => {
    const outcome = await runEngine(slowView({ rate: 50, duration: '3s', max_in_flight: 20 }));
    expect(outcome.summary.dropped).toBeGreaterThan(50);
    expect(outcome.generator.lagged).toBe(true);
    expect(outcome.generator.limited_by).toBe('max_in_flight');
    expect(outcome.generator.reason).toMatch(/dropped at max_in_flight: raise load\.max_in_flight/);
    // What was sent was measured faithfully: still about 1 s each.
    expectTargetLatency(outcome, 1000, 150);
  });
});
