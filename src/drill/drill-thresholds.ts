/**
 * When a second counts as healthy: within the SLO when one is set, else close to the baseline
 * (p95 ≤ max(2 × baseline, baseline + 50 ms), error rate ≤ max(1 %, 2 × baseline)).
 */
import type { TimelineRow } from '../result/run-result.js';
import type { Baseline } from './baseline.js';

export interface HealthThresholds {
  p95_ms: number;
  error_rate: number;
  /** Where each limit came from. */
  from: { p95: 'slo' | 'baseline'; error_rate: 'slo' | 'baseline' };
}

export interface SloLimits {
  /** ms */
  p95?: number;
  error_rate?: number;
}

const P95_FACTOR = 2;
const P95_MARGIN_MS = 50;
const ERROR_FLOOR = 0.01;
const ERROR_FACTOR = 2;

export function healthThresholds(baseline: Baseline, slo: SloLimits): HealthThresholds {
  return {
    p95_ms: slo.p95 ?? Math.max(P95_FACTOR * baseline.p95_ms, baseline.p95_ms + P95_MARGIN_MS),
    error_rate: slo.error_rate ?? Math.max(ERROR_FLOOR, ERROR_FACTOR * baseline.error_rate),
    from: {
      p95: slo.p95 === undefined ? 'baseline' : 'slo',
      error_rate: slo.error_rate === undefined ? 'baseline' : 'slo',
    },
  };
}

export const errorRateOf = (row: Pick<TimelineRow, 'errors' | 'requests'>): number =>
  row.requests ? row.errors / row.requests : 0;

/** A second with no completed request is not healthy: the service answered nothing. */
export function isHealthy(row: TimelineRow, t: HealthThresholds): boolean {
  return row.requests > 0 && row.p95 <= t.p95_ms && errorRateOf(row) <= t.error_rate;
}
