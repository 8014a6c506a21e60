import { describe, expect, it } from 'vitest';
import { judge } from '../../../src/load/generator-monitor.js';
import type { GeneratorHealth } from '../../../src/result/run-result.js';

const healthy: GeneratorHealth = {
  event_loop_delay_ms: { p50: 10.1, p99: 12, max: 20 },
  schedule_lag_ms: { p50: 0.6, p99: 1.8, max: 4 },
  cpu_ratio: 0.2,
  lagged: false,
};

describe('judge: lagged means the schedule slipped', () => {
  it('a generator at 100 % of a core that kept its schedule did not lag', () => {
    const g = judge({ ...healthy, cpu_ratio: 1 }, true, { scheduled: 10_000, dropped: 0 });
    expect(g.lagged).toBe(false);
    expect(g.reason).toBeUndefined();
  });

  it('requests leaving late against the schedule (open model)', () => {
    const g = judge({ ...healthy, schedule_lag_ms: { p50: 3, p99: 14.5, max: 40 } }, true);
    expect(g.lagged).toBe(true);
    expect(g.reason).toBe('requests left up to 14.5 ms late (p99) against the schedule');
  });

  it('drops beyond 1 % of the scheduled requests, not below', () => {
    const many = judge(healthy, true, { scheduled: 10_000, dropped: 250 });
    expect(many.lagged).toBe(true);
    expect(many.reason).toBe(
      '250 of 10000 scheduled requests (2.5%) were dropped at max_in_flight: raise load.max_in_flight',
    );
    expect(many.limited_by).toBe('max_in_flight');
    expect(judge(healthy, true, { scheduled: 10_000, dropped: 50 }).lagged).toBe(false);
  });

  it('requests that waited for a socket: the in-flight bound was the limit, not the target', () => {
    const g = judge({ ...healthy, queue_ms: { p50: 120, p99: 812, max: 900 } }, true);
    expect(g.lagged).toBe(true);
    expect(g.limited_by).toBe('max_in_flight');
    expect(g.reason).toBe('requests waited up to 812 ms (p99) for a socket: raise load.max_in_flight');
  });

  it('a queue time that is only the late timer is schedule lag, not a socket shortage', () => {
    const late = { ...healthy, schedule_lag_ms: { p50: 5, p99: 14, max: 20 }, queue_ms: { p50: 5, p99: 15, max: 21 } };
    const g = judge(late, true);
    expect(g.reason).toBe('requests left up to 14 ms late (p99) against the schedule');
    expect(g.limited_by).toBeUndefined();
    expect(judge({ ...healthy, queue_ms: { p50: 0.5, p99: 2, max: 9 } }, true).lagged).toBe(false);
  });

  it('re-judging a merged health drops a stale limit', () => {
    const stale: GeneratorHealth = { ...healthy, lagged: true, reason: 'old', limited_by: 'max_in_flight' };
    const g = judge(stale, true);
    expect(g).toEqual({ ...healthy, lagged: false });
  });

  it('an event loop running late, in either model', () => {
    const late = { ...healthy, event_loop_delay_ms: { p50: 11, p99: 80, max: 200 } };
    expect(judge(late, false).reason).toBe("the generator's event loop ran up to 80 ms late (p99)");
    expect(judge(late, true).lagged).toBe(true);
  });

  it('the closed model has no schedule to slip: send lag and drops do not count', () => {
    const g = judge({ ...healthy, schedule_lag_ms: { p50: 50, p99: 90, max: 100 } }, false, {
      scheduled: 100,
      dropped: 50,
    });
    expect(g.lagged).toBe(false);
  });

  it('names every reason at once', () => {
    const g = judge(
      { ...healthy, schedule_lag_ms: { p50: 9, p99: 20, max: 30 }, event_loop_delay_ms: { p50: 30, p99: 70, max: 90 } },
      true,
      { scheduled: 1000, dropped: 100 },
    );
    expect(g.reason?.split('; ')).toHaveLength(3);
  });
});
