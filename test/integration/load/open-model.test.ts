import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';
import { runEngine } from '../../support/run-engine.js';

let target: TargetServer;
beforeAll(async () => {
  target = await startTargetServer();
});
afterAll(async () => {
  await target.close();
});

describe('the open model on timers', () => {
  it('holds 1,000 req/s without lagging, on less than half a core of its own CPU time', async () => {
    await target.reset();
    const cpu = process.cpuUsage();
    const started = performance.now();
    // A warmup second lets the JIT compile the hot path first, as a real run's warmup does; it is not measured.
    const outcome = await runEngine({
      target: target.url,
      endpoints: [{ path: '/fast' }],
      load: { rate: 1000, duration: '4s', warmup: '1s' },
    });
    const used = process.cpuUsage(cpu);
    const cores = (used.user + used.system) / 1000 / (performance.now() - started);

    expect(outcome.generator.reason).toBeUndefined();
    expect(outcome.generator.lagged).toBe(false);
    expect(outcome.generator.schedule_lag_ms.p99).toBeLessThanOrEqual(10);
    expect(cores).toBeLessThan(0.5);
    expect(outcome.generator.cpu_ratio).toBeLessThan(0.5);
    expect((await target.stats()).count).toBeGreaterThanOrEqual(outcome.summary.requests + 990);
    expect(outcome.summary.requests).toBeGreaterThanOrEqual(3960);
    expect(outcome.summary.errors).toBe(0);
  });
});
