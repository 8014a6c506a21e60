import { describe, expect, it } from 'vitest';
import { rankSaturation, type RankedStep } from '../../../src/capacity/saturation.js';

const pass = (rate: number, signals: RankedStep['signals']): RankedStep => ({ rate, passed: true, signals });
const fail = (rate: number, signals: RankedStep['signals']): RankedStep => ({ rate, passed: false, signals });

describe('rankSaturation', () => {
  it('names pgbouncer cl_waiting first when clients queue for the pool and DB time stays flat', () => {
    const steps = [
      pass(15, { 'pgbouncer.cl_waiting': 0, 'postgres.db_ms_per_request': 41, 'postgres.connections': 0.05 }),
      pass(30, { 'pgbouncer.cl_waiting': 0, 'postgres.db_ms_per_request': 41, 'postgres.connections': 0.05 }),
      pass(45, { 'pgbouncer.cl_waiting': 1, 'postgres.db_ms_per_request': 41, 'postgres.connections': 0.05 }),
      fail(60, { 'pgbouncer.cl_waiting': 18, 'postgres.db_ms_per_request': 41, 'postgres.connections': 0.05 }),
    ];
    const ranked = rankSaturation(steps, 60);
    expect(ranked.map((r) => r.signal)).toEqual(['pgbouncer.cl_waiting']);
    expect(ranked[0]).toMatchObject({ tier: 'data', value: 18, passing_max: 1 });
    expect(ranked[0]!.detail).toMatch(/18 clients waiting.*at 60 req\/s/);
  });

  it('names the app workers by web.queueing when requests wait before the view while the data tier is flat', () => {
    const steps = [
      pass(20, { 'web.queueing': 2, 'postgres.db_ms_per_request': 3 }),
      pass(40, { 'web.queueing': 3, 'postgres.db_ms_per_request': 3 }),
      fail(60, { 'web.queueing': 480, 'postgres.db_ms_per_request': 3 }),
    ];
    const ranked = rankSaturation(steps, 60);
    expect(ranked.map((r) => r.signal)).toEqual(['web.queueing']);
    expect(ranked[0]).toMatchObject({ tier: 'web', value: 480, passing_max: 3 });
    expect(ranked[0]!.detail).toMatch(/waited 480 ms \(p95\) before the view ran.*workers were all busy/);
    expect(rankSaturation(steps.slice(0, 2).concat(fail(60, { 'web.queueing': 4 })), 60)[0]!.signal).toBe('web tier');
  });

  it('orders several moved signals by how far they moved', () => {
    const steps = [
      pass(100, { 'queue.slope': 0, 'postgres.db_ms_per_request': 5 }),
      pass(200, { 'queue.slope': 0.2, 'postgres.db_ms_per_request': 5.5 }),
      fail(400, { 'queue.slope': 60, 'postgres.db_ms_per_request': 14 }),
    ];
    expect(rankSaturation(steps, 400).map((r) => r.signal)).toEqual(['queue.slope', 'postgres.db_ms_per_request']);
  });

  it('a signal that grows with the rate along its passing trend has not moved', () => {
    const steps = [
      pass(100, { 'postgres.db_ms_per_request': 2 }),
      pass(200, { 'postgres.db_ms_per_request': 4 }),
      fail(300, { 'postgres.db_ms_per_request': 6.5 }),
    ];
    expect(rankSaturation(steps, 300).map((r) => r.signal)).toEqual(['web tier']);
  });

  it('names the web tier when no data-tier signal moved, with how it failed and the concurrency', () => {
    const steps = [
      pass(40, { 'web.timeouts': 0, 'generator.cpu': 0.1 }),
      fail(80, { 'web.timeouts': 0.2, 'generator.cpu': 0.12 }),
    ];
    const ranked = rankSaturation(steps, 80, 7.9);
    expect(ranked.map((r) => r.signal)).toEqual(['web tier', 'web.timeouts']);
    expect(ranked[0]!.detail).toMatch(/app-server workers.*7\.9 requests/);
  });

  it('a count of waiting clients is expected to grow with the rate; past that growth it has moved', () => {
    const waiting = (knee: number) => [
      pass(30, { 'pgbouncer.cl_waiting': 0 }),
      pass(45, { 'pgbouncer.cl_waiting': 4 }),
      fail(60, { 'pgbouncer.cl_waiting': knee }),
    ];
    expect(rankSaturation(waiting(18), 60)[0]!.signal).toBe('pgbouncer.cl_waiting');
    expect(rankSaturation(waiting(9), 60)[0]!.signal).toBe('web tier');
  });

  it('reads every failing step from the knee up: a signal may move only above it', () => {
    const steps = [
      pass(30, { 'pgbouncer.cl_waiting': 0 }),
      pass(45, { 'pgbouncer.cl_waiting': 1 }),
      fail(52, { 'pgbouncer.cl_waiting': 2 }),
      fail(60, { 'pgbouncer.cl_waiting': 17 }),
    ];
    expect(rankSaturation(steps, 52)[0]).toMatchObject({ signal: 'pgbouncer.cl_waiting', value: 17 });
  });

  it('a threshold crossed with no passing step to compare still counts', () => {
    expect(rankSaturation([fail(10, { 'postgres.connections': 0.97 })], 10)[0]).toMatchObject({
      signal: 'postgres.connections',
    });
  });

  it('without a failing step there is no knee', () => {
    expect(rankSaturation([pass(10, {})], 20)).toEqual([]);
  });
});
