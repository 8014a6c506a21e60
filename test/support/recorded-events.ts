/**
 * Synthetic responses for merge tests: the same events can be fed to one Recorder or split across several, so
 * a merge can be compared with what one recorder seeing everything reports.
 */
import fc from 'fast-check';
import { Recorder } from '../../src/load/recorder.js';
import type { LoadOutcome } from '../../src/load/engine.js';
import type { ErrorClass, GeneratorHealth } from '../../src/result/run-result.js';

export interface RecordedEvent {
  endpoint: number;
  /** ms after the recorder's origin. */
  atMs: number;
  latencyMs: number;
  serviceMs: number;
  status: number;
  errorClass: ErrorClass | null;
  bytes: number;
  dropped: boolean;
}

const OUTCOMES: [number, ErrorClass | null][] = [
  [200, null],
  [200, null],
  [200, null],
  [304, null],
  [503, 'http'],
  [0, 'timeout'],
  [0, 'reset'],
];

export const eventArb = (endpoints: number, seconds: number): fc.Arbitrary<RecordedEvent> =>
  fc
    .record({
      endpoint: fc.integer({ min: 0, max: endpoints - 1 }),
      atMs: fc.integer({ min: 0, max: seconds * 1000 - 1 }),
      latencyMs: fc.double({ min: 0.01, max: 70_000, noNaN: true }),
      serviceFraction: fc.double({ min: 0, max: 1, noNaN: true }),
      outcome: fc.constantFrom(...OUTCOMES),
      bytes: fc.integer({ min: 0, max: 100_000 }),
      dropped: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    })
    .map(({ serviceFraction, outcome, ...e }) => ({
      ...e,
      serviceMs: e.latencyMs * serviceFraction,
      status: outcome[0],
      errorClass: outcome[1],
    }));

/** Records `events` into one Recorder whose t = 0 is `originMs` (events are shifted by it). */
export function record(
  events: readonly RecordedEvent[],
  endpoints: number,
  durationS: number,
  targetRps?: number,
  originMs = 0,
) {
  const r = new Recorder(endpoints, originMs);
  for (const e of [...events].sort((a, b) => a.atMs - b.atMs)) {
    if (e.dropped) r.drop(e.endpoint, originMs + e.atMs);
    else r.record(e.endpoint, originMs + e.atMs, e.latencyMs, e.serviceMs, e.status, e.errorClass, e.bytes);
  }
  return r.snapshot(durationS, targetRps);
}

export const healthyGenerator = (overrides: Partial<GeneratorHealth> = {}): GeneratorHealth => ({
  event_loop_delay_ms: { p50: 1, p99: 2, max: 3 },
  schedule_lag_ms: { p50: 0.1, p99: 0.5, max: 1 },
  cpu_ratio: 0.4,
  lagged: false,
  ...overrides,
});

export function outcomeOf(
  events: readonly RecordedEvent[],
  endpoints: number,
  durationS: number,
  extra: Partial<LoadOutcome> = {},
  targetRps?: number,
): LoadOutcome {
  return {
    ...record(events, endpoints, durationS, targetRps),
    generator: healthyGenerator(),
    startEpochMs: 1_700_000_000_000,
    durationS,
    partial: false,
    ...extra,
  };
}
