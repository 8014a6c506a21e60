import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { validateConfig } from '../../../src/config/load.js';
import type { ConfigInput } from '../../../src/config/schema.js';
import { buildEnginePlan } from '../../../src/load/plan/plan.js';
import { LoadEngine, type Progress } from '../../../src/load/engine.js';
import { WorkerPoolEngine, createLoadRunner } from '../../../src/load/workers/workers.js';
import { decodeHistogram } from '../../../src/load/histogram.js';
import type { TimelineRow } from '../../../src/result/run-result.js';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';

// Run from the TypeScript sources, the pool loads the compiled worker from dist/ (built by the global setup).
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

const plan = (
  load: ConfigInput['load'],
  endpoints: ConfigInput['endpoints'] = [
    { name: 'a', path: '/a' },
    { name: 'b', path: '/b', weight: 3 },
  ],
) => buildEnginePlan(validateConfig({ target: target.url, endpoints, load }));

describe('two worker threads', () => {
  it('hold 1000 req/s over 4 s within 2 % (counted by the server), and the merged outcome adds up', async () => {
    const seconds: TimelineRow[] = [];
    let started: { at: number; calledAt: number } | undefined;
    const engine = new WorkerPoolEngine(plan({ rate: 1000, duration: '4s' }), 2, {
      onSecond: (row) => seconds.push(row),
      onStart: (at) => (started = { at, calledAt: Date.now() }),
    });
    const samples: Progress[] = [];
    const poll = setInterval(() => samples.push(engine.progress()), 500);
    const outcome = await engine.run().finally(() => clearInterval(poll));
    const stats = await target.stats();

    expect(Math.abs(stats.count / 4 - 1000) / 1000).toBeLessThan(0.02);
    expect(outcome.summary.requests).toBe(stats.count);
    expect(outcome.summary.target_rps).toBe(1000);
    const [a, b] = outcome.endpoints.map((e) => e.summary.requests);
    expect(a! + b!).toBe(outcome.summary.requests);
    expect(a).toBe(stats.byPath['/a']);
    expect(b).toBe(stats.byPath['/b']);
    expect(a! / (a! + b!)).toBeGreaterThan(0.2);
    expect(a! / (a! + b!)).toBeLessThan(0.3);
    expect(decodeHistogram(outcome.histograms.latency).totalCount).toBe(stats.count);
    expect(outcome.timeline.reduce((n, r) => n + r.requests, 0)).toBe(outcome.summary.requests);

    // One shared start instant: the server saw 4 s of traffic, not 4 s plus the gap between two starts.
    const spanS = (stats.lastAt - stats.firstAt) / 1000;
    expect(spanS).toBeGreaterThan(3.8);
    expect(spanS).toBeLessThan(4.4);

    // onStart: told when the workers' schedule really began (after the threads loaded), not when run() was called.
    expect(Math.abs(outcome.startEpochMs - started!.at)).toBeLessThan(50);
    expect(started!.calledAt - started!.at).toBeGreaterThanOrEqual(-2);

    // onSecond: merged rows, in order, each with both workers' share.
    expect(seconds.map((r) => r.t)).toEqual([...seconds.map((r) => r.t)].sort((x, y) => x - y));
    expect(Math.max(...seconds.map((r) => r.requests))).toBeGreaterThan(600);
    expect(samples.some((p) => p.requests > 0 && p.elapsedS > 0)).toBe(true);
    expect(outcome.partial).toBe(false);
    // Each worker's CPU is its own thread's, not the whole process's.
    expect(outcome.generator.cpu_ratio).toBeLessThanOrEqual(1.01);
  });

  it('splits a closed model’s virtual users and stops early on stop(), with a partial outcome', async () => {
    const engine = new WorkerPoolEngine(plan({ connections: 4, duration: '10s' }, [{ path: '/delay?ms=20' }]), 2);
    setTimeout(() => engine.stop('interrupted'), 1500);
    const started = Date.now();
    const outcome = await engine.run();
    expect(Date.now() - started).toBeLessThan(5000);
    expect(outcome.partial).toBe(true);
    expect(outcome.stopReason).toBe('interrupted');
    // 4 users × ~1 request per 20 ms ≈ 200 req/s for ~1.2 s of load.
    expect(outcome.summary.requests).toBeGreaterThan(60);
    expect(outcome.summary.requests).toBeLessThan(400);
    expect(outcome.summary.requests).toBe((await target.stats()).count);
  });
});

describe('a failing worker', () => {
  it('rejects run() with the worker’s error instead of hanging, and ends the other workers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scale-audit-worker-'));
    const script = join(dir, 'broken-worker.mjs');
    writeFileSync(
      script,
      "import { workerData } from 'node:worker_threads';\n" +
        "if (workerData.index === 1) throw new Error('boom');\n" +
        'setInterval(() => {}, 1000);\n',
    );
    const engine = new WorkerPoolEngine(
      plan({ rate: 1000, duration: '2s' }),
      2,
      {},
      { workerUrl: pathToFileURL(script) },
    );
    await expect(engine.run()).rejects.toThrow(/load worker 2: boom/);
  });
});

describe('createLoadRunner', () => {
  it('runs one plain engine when one worker is asked for, or the load is too small to split', () => {
    expect(createLoadRunner(plan({ rate: 1000 }), 1)).toBeInstanceOf(LoadEngine);
    expect(createLoadRunner(plan({ rate: 20 }), 8)).toBeInstanceOf(LoadEngine);
    expect(createLoadRunner(plan({ connections: 1 }), 8)).toBeInstanceOf(LoadEngine);
    expect(createLoadRunner(plan({ rate: 1000 }), 2)).toBeInstanceOf(WorkerPoolEngine);
  });

  it('refuses response sinks it could not call from another thread', () => {
    expect(() => createLoadRunner(plan({ rate: 1000 }), 2, {}, {}, [{ add: () => undefined }])).toThrow(
      /response sinks cannot cross worker threads/,
    );
  });
});
