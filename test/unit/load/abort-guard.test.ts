import { describe, expect, it } from 'vitest';
import { AbortGuard } from '../../../src/load/abort-guard.js';
import type { TimelineRow } from '../../../src/result/run-result.js';

const row = (t: number, requests: number, errors: number): TimelineRow => ({
  t,
  rps: requests,
  p50: 1,
  p95: 1,
  p99: 1,
  errors,
  requests,
  dropped: 0,
  errors_by_class: {},
  status_codes: {},
  histogram: '',
});

describe('AbortGuard', () => {
  it('aborts only after the error rate stayed above the limit for the whole window', () => {
    const guard = new AbortGuard({ error_rate: 0.5, for: 3000 });
    expect(guard.observe(row(0, 100, 90))).toBeUndefined();
    expect(guard.observe(row(1, 100, 90))).toBeUndefined();
    expect(guard.observe(row(2, 100, 10))).toBeUndefined(); // a good second resets the window
    expect(guard.observe(row(3, 100, 60))).toBeUndefined();
    expect(guard.observe(row(4, 100, 60))).toBeUndefined();
    expect(guard.observe(row(5, 100, 60))).toMatch(/^aborted: error rate above 50.0% for 3 s/);
  });

  it('does not count an idle second as failing', () => {
    const guard = new AbortGuard({ error_rate: 0.1, for: 1000 });
    expect(guard.observe(row(0, 0, 0))).toBeUndefined();
    expect(guard.observe(row(1, 10, 5))).toMatch(/aborted/);
  });
});
