import type { DrillActionResult, SourceResult, TimelineRow } from '../../../src/result/run-result.js';

export interface SecondSpec {
  requests?: number;
  errors?: number;
  p95?: number;
  byClass?: TimelineRow['errors_by_class'];
  status?: Record<string, number>;
}

/** One timeline second; errors default to resets, every other request a 200. */
export function second(t: number, spec: SecondSpec = {}): TimelineRow {
  const requests = spec.requests ?? 100;
  const errors = spec.errors ?? 0;
  const byClass = spec.byClass ?? (errors ? { reset: errors } : {});
  return {
    t,
    rps: requests,
    p50: (spec.p95 ?? 10) / 2,
    p95: spec.p95 ?? 10,
    p99: (spec.p95 ?? 10) * 1.2,
    errors,
    requests,
    dropped: 0,
    errors_by_class: byClass,
    status_codes: spec.status ?? { 200: requests - errors },
    histogram: '',
  };
}

/** Seconds [from, to) built alike. */
export const seconds = (from: number, to: number, spec: SecondSpec = {}): TimelineRow[] =>
  Array.from({ length: to - from }, (_, i) => second(from + i, spec));

export function fault(at_s: number, name = 'kill worker 2', extra: Partial<DrillActionResult> = {}): DrillActionResult {
  return { name, command: 'kill 4242', at_s, exit_code: 0, timed_out: false, output: '', kind: 'fault', ...extra };
}

export function recover(at_s: number, name = 'kill worker 2'): DrillActionResult {
  return { name, command: 'systemctl start app', at_s, exit_code: 0, timed_out: false, output: '', kind: 'recover' };
}

export function source(
  id: string,
  kind: string,
  points: [number, Record<string, number>][],
  deltas: Record<string, unknown> = {},
): SourceResult {
  return { id, kind, description: id, series: points.map(([t, values]) => ({ t, values })), gaps: [], deltas };
}
