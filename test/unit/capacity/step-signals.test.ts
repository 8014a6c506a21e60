import { describe, expect, it } from 'vitest';
import { stepSignals } from '../../../src/capacity/step-signals.js';
import { buildRunResult } from '../../support/result-builder.js';
import { AppTally } from '../../../src/app/app-tally.js';
import type { AppSample } from '../../../src/app/wire-format.js';

const appSample = (appMs: number, queueMs?: number): AppSample => ({
  appMs,
  ...(queueMs !== undefined ? { queueMs } : {}),
  dbMs: 1,
  queries: 1,
  duplicates: 0,
  cacheHits: 0,
  cacheMisses: 0,
  tasks: {},
});

describe('stepSignals', () => {
  it("reads each tier's key figure from the step's evidence and traffic", () => {
    const result = buildRunResult({
      seed: 1,
      seconds: 2,
      rps: 100,
      evidence: {
        db: {
          pg_stat_statements: true,
          statements: [
            { queryid: '1', query: 'SELECT 1', where: 'primary', calls: 200, total_ms: 300, mean_ms: 1.5, rows: 200 },
            { queryid: '2', query: 'SELECT 2', where: 'replica:1', calls: 200, total_ms: 100, mean_ms: 0.5, rows: 200 },
          ],
          connections: {
            peak: 36,
            max_connections: 40,
            ratio: 0.9,
            idle_in_transaction_max: 0,
            idle_in_transaction_age_max_s: 0,
            longest_transaction_s: 0,
            lock_waits_max: 0,
          },
          pooler: { present: true, cl_waiting_max: 7, maxwait_ms_max: 120 },
          replica_lag_max_s: 0.4,
        },
        queues: { names: ['q'], slope_per_s: 3.5 },
        cache: { evictions: 12 },
      },
    });
    result.summary.status_codes = { '200': 180, '503': 20 };
    result.summary.errors_by_class = { ...result.summary.errors_by_class, timeout: 4, reset: 2 };
    expect(stepSignals(result)).toEqual({
      'pgbouncer.cl_waiting': 7,
      'postgres.connections': 0.9,
      'postgres.db_ms_per_request': 2,
      'replica.lag_s': 0.4,
      'queue.slope': 3.5,
      'redis.evictions': 12,
      'web.shedding': 0.1,
      'web.timeouts': 0.03,
      'generator.cpu': 0.2,
    });
  });

  it("reads web.queueing from the app's figures: the proxy's queue time when stamped, else outside the view", () => {
    const tally = new AppTally();
    for (let i = 0; i < 50; i++) tally.add(appSample(20, i < 45 ? 3 : 200), 25);
    const result = buildRunResult({ seed: 1, seconds: 1 });
    result.summary.app = tally.figures();
    expect(stepSignals(result)['web.queueing']).toBeCloseTo(200, 0);
    const unstamped = new AppTally();
    for (let i = 0; i < 50; i++) unstamped.add(appSample(20), i < 45 ? 22 : 90);
    result.summary.app = unstamped.figures();
    expect(stepSignals(result)['web.queueing']).toBeCloseTo(70, 0);
  });

  it('leaves out what was not measured', () => {
    expect(Object.keys(stepSignals(buildRunResult({ seed: 1, seconds: 1 })))).toEqual([
      'web.shedding',
      'web.timeouts',
      'generator.cpu',
    ]);
  });
});
