/**
 * The open-model arrival schedule: when the i-th request is *meant* to be sent. Pure.
 * A schedule is a list of segments whose rate ramps linearly from `from` to `to` (k6's ramping-arrival-rate);
 * a constant rate is a segment with from = to. Latency is measured from these intended times (wrk2).
 */
import type { LoadConfig } from '../../config/schema.js';

export interface Segment {
  durationMs: number;
  /** Requests per second at the start and end of the segment. */
  from: number;
  to: number;
}

/** Warmup (at the opening rate) followed by the measured stages. */
export function buildSegments(
  load: Pick<LoadConfig, 'rate' | 'stages' | 'start_rate' | 'duration' | 'warmup'>,
): Segment[] {
  const measured: Segment[] = load.stages
    ? load.stages.map((stage, i, all) => ({
        durationMs: stage.duration,
        from: i === 0 ? load.start_rate : all[i - 1]!.rate,
        to: stage.rate,
      }))
    : [{ durationMs: load.duration, from: load.rate ?? 0, to: load.rate ?? 0 }];
  if (load.warmup <= 0) return measured;
  const opening = measured[0]!.from > 0 ? measured[0]!.from : measured[0]!.to;
  return [{ durationMs: load.warmup, from: opening, to: opening }, ...measured];
}

export function totalDurationMs(segments: readonly Segment[]): number {
  return segments.reduce((sum, s) => sum + s.durationMs, 0);
}

/** Requests a segment holds: the integral of its rate. */
export function segmentCount(s: Segment): number {
  return ((s.from + s.to) / 2) * (s.durationMs / 1000);
}

export function expectedRequests(segments: readonly Segment[]): number {
  return segments.reduce((sum, s) => sum + segmentCount(s), 0);
}

/** Requests the schedule intends between two instants (ms from its start): the integral of the rate. */
export function scheduledBetween(segments: readonly Segment[], fromMs: number, toMs: number): number {
  let start = 0;
  let total = 0;
  for (const s of segments) {
    const a = Math.max(fromMs, start);
    const b = Math.min(toMs, start + s.durationMs);
    if (b > a) {
      const rateAt = (ms: number): number => s.from + ((s.to - s.from) * (ms - start)) / s.durationMs;
      total += ((rateAt(a) + rateAt(b)) / 2) * ((b - a) / 1000);
    }
    start += s.durationMs;
  }
  return total;
}

/** Seconds into a segment at which `n` requests (fractional) have been scheduled: the inverse of the integral. */
function timeForCount(s: Segment, n: number): number {
  const d = s.durationMs / 1000;
  const slope = (s.to - s.from) / d;
  if (Math.abs(slope) < 1e-12) return s.from > 0 ? n / s.from : Infinity;
  // from·t + slope·t²/2 = n  →  t = (-from + sqrt(from² + 2·slope·n)) / slope
  const disc = s.from * s.from + 2 * slope * n;
  return disc < 0 ? Infinity : (-s.from + Math.sqrt(disc)) / slope;
}

/**
 * Iterates intended send times (ms from the start of the schedule) in order; `next()` returns undefined at the end.
 * The i-th request is due when the integral of the rate reaches i, so a constant rate r sends at i/r.
 */
export class ArrivalSchedule {
  private segment = 0;
  private segmentStartMs = 0;
  private countBefore = 0;
  private index = 0;

  constructor(private readonly segments: readonly Segment[]) {}

  next(): number | undefined {
    while (this.segment < this.segments.length) {
      const s = this.segments[this.segment]!;
      const within = this.index - this.countBefore;
      const t = timeForCount(s, within) * 1000;
      if (t < s.durationMs) {
        this.index += 1;
        return this.segmentStartMs + t;
      }
      this.countBefore += segmentCount(s);
      this.segmentStartMs += s.durationMs;
      this.segment += 1;
    }
    return undefined;
  }

  /** The scheduled rate at a time (ms from the start), for progress and throughput targets. */
  rateAt(ms: number): number {
    let start = 0;
    for (const s of this.segments) {
      if (ms < start + s.durationMs) return s.from + ((s.to - s.from) * (ms - start)) / s.durationMs;
      start += s.durationMs;
    }
    return 0;
  }
}
