import { describe, expect, it } from 'vitest';
import { capacityGate, capacityGates } from '../../../src/capacity/gate.js';
import type { CapacityResult } from '../../../src/result/run-result.js';

const base: CapacityResult = {
  status: 'found',
  max_rate: 140,
  bracket: [140, 147],
  confirmed: true,
  reason: 'bracket 140–147 req/s is within the precision',
  slo: { p95: 300, error_rate: 0.01 },
  limited_by: [],
  concurrency_at_knee: 12,
  usl: null,
  search: {
    start: 50,
    ceiling: 5000,
    ceiling_by: 'max',
    precision: 0.05,
    step_s: 20,
    settle_s: 5,
    cooldown_s: 5,
    confirm_s: 40,
  },
  steps: [],
};

describe('capacityGate', () => {
  it('passes when the confirmed capacity reaches the minimum, fails below it', () => {
    expect(capacityGate(base, 120)).toMatchObject({
      id: 'capacity.min_rate',
      passed: true,
      value: 140,
      threshold: 120,
    });
    expect(capacityGate(base, 140).passed).toBe(true);
    const below = capacityGate(base, 2000);
    expect(below).toMatchObject({ passed: false, value: 140 });
    expect(below.message).toBe('capacity 140 req/s < 2000 req/s (confirmed)');
  });

  it('an unconfirmed capacity does not pass, unless confirmation was turned off', () => {
    expect(capacityGate({ ...base, confirmed: false }, 100).passed).toBe(false);
    const off = { ...base, confirmed: false, search: { ...base.search, confirm_s: 0 } };
    expect(capacityGate(off, 100).passed).toBe(true);
  });

  it('no capacity (inconclusive, interrupted) fails with the reason', () => {
    const gate = capacityGate({ ...base, status: 'inconclusive', max_rate: null, reason: 'the generator…' }, 10);
    expect(gate).toMatchObject({ passed: false, value: null });
    expect(gate.message).toMatch(/inconclusive/);
  });

  it('is a gate only when the search had a minimum', () => {
    expect(capacityGates(base)).toEqual([]);
    expect(capacityGates({ ...base, min_rate: 100 })).toHaveLength(1);
  });
});
