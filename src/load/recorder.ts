/**
 * Records every measured response into HDR histograms: overall, per endpoint, and one per second for the
 * timeline. Memory stays flat with request count: a closed second is encoded and its histogram dropped.
 */
import type { MeasuredResponse, ResponseSink } from './response-sink.js';
import { createHistogram, encodeHistogram, recordMs, summarizeHistogram, type Histogram } from './histogram.js';
import {
  ERROR_CLASSES,
  type ErrorClass,
  type EncodedHistograms,
  type Summary,
  type TimelineRow,
} from '../result/run-result.js';

interface Series {
  latency: Histogram;
  service: Histogram;
  errorLatency: Histogram;
  requests: number;
  errors: number;
  byClass: Record<ErrorClass, number>;
  statuses: Map<number, number>;
  bytes: number;
  dropped: number;
}

interface Second {
  latency: Histogram;
  requests: number;
  errors: number;
  dropped: number;
  byClass: Partial<Record<ErrorClass, number>>;
  statuses: Map<number, number>;
}

/** One endpoint's running counts: the Summary's counters, without latency. */
export type EndpointCounts = Pick<Summary, 'requests' | 'errors' | 'dropped' | 'errors_by_class'>;

export const emptyCounts = (): EndpointCounts => ({
  requests: 0,
  errors: 0,
  dropped: 0,
  errors_by_class: emptyClasses(),
});

export interface RecorderSnapshot {
  summary: Summary;
  histograms: EncodedHistograms;
  endpoints: { summary: Summary; histograms: EncodedHistograms }[];
  timeline: TimelineRow[];
}

const emptyClasses = (): Record<ErrorClass, number> =>
  Object.fromEntries(ERROR_CLASSES.map((c) => [c, 0])) as Record<ErrorClass, number>;

function newSeries(): Series {
  return {
    latency: createHistogram(),
    service: createHistogram(),
    errorLatency: createHistogram(),
    requests: 0,
    errors: 0,
    byClass: emptyClasses(),
    statuses: new Map(),
    bytes: 0,
    dropped: 0,
  };
}

const increment = (map: Map<number, number>, key: number): void => {
  map.set(key, (map.get(key) ?? 0) + 1);
};

export class Recorder implements ResponseSink {
  private readonly total = newSeries();
  private readonly perEndpoint: Series[];
  private readonly open = new Map<number, Second>();
  private readonly closed: TimelineRow[] = [];
  private lastLatencyMs = 0;

  /** `originMs`: the clock value of measured t = 0 (end of warmup). */
  constructor(
    endpointCount: number,
    private readonly originMs: number,
  ) {
    this.perEndpoint = Array.from({ length: endpointCount }, newSeries);
  }

  /**
   * One completed request. `latencyMs` is measured from the intended send time (open model) or equals the
   * service time (closed model); `status` 0 means a transport error, `errorClass` null a success.
   */
  record(
    endpoint: number,
    endMs: number,
    latencyMs: number,
    serviceMs: number,
    status: number,
    errorClass: ErrorClass | null,
    bytes: number,
  ): void {
    const second = this.second(endMs);
    recordInto(this.total, latencyMs, serviceMs, status, errorClass, bytes);
    recordInto(this.perEndpoint[endpoint]!, latencyMs, serviceMs, status, errorClass, bytes);
    recordMs(second.latency, latencyMs);
    second.requests += 1;
    if (status) increment(second.statuses, status);
    if (errorClass) {
      second.errors += 1;
      second.byClass[errorClass] = (second.byClass[errorClass] ?? 0) + 1;
    }
    this.lastLatencyMs = latencyMs;
  }

  add(r: MeasuredResponse): void {
    this.record(r.endpoint, r.end, r.latencyMs, r.serviceMs, r.status, r.errorClass, r.bytes);
  }

  /** A request the schedule wanted but could not start (in-flight bound reached). */
  drop(endpoint: number, atMs: number): void {
    this.total.dropped += 1;
    this.perEndpoint[endpoint]!.dropped += 1;
    this.second(atMs).dropped += 1;
  }

  /** Encodes and frees every second that ended before `nowMs - graceMs` (late responses land in open seconds). */
  closeSecondsBefore(nowMs: number, graceMs = 2000): void {
    const limit = Math.floor((nowMs - graceMs - this.originMs) / 1000);
    for (const t of [...this.open.keys()].sort((a, b) => a - b)) if (t < limit) this.closeSecond(t);
  }

  get requests(): number {
    return this.total.requests;
  }

  get errors(): number {
    return this.total.errors;
  }

  get dropped(): number {
    return this.total.dropped;
  }

  /** Per endpoint, cumulative so far (read once a second for live metrics, never per request). */
  endpointCounts(): EndpointCounts[] {
    return this.perEndpoint.map((s) => ({
      requests: s.requests,
      errors: s.errors,
      dropped: s.dropped,
      errors_by_class: { ...s.byClass },
    }));
  }

  /** The last closed second, for the live line. */
  lastSecond(): TimelineRow | undefined {
    return this.closed[this.closed.length - 1];
  }

  /** p95 over all requests so far (ms). */
  p95(): number {
    return this.total.latency.totalCount ? this.total.latency.getValueAtPercentile(95) / 1000 : this.lastLatencyMs;
  }

  snapshot(durationS: number, targetRps?: number): RecorderSnapshot {
    for (const t of [...this.open.keys()].sort((a, b) => a - b)) this.closeSecond(t);
    return {
      summary: summaryOf(this.total, durationS, targetRps),
      histograms: encodeSeries(this.total),
      endpoints: this.perEndpoint.map((s) => ({ summary: summaryOf(s, durationS), histograms: encodeSeries(s) })),
      timeline: fillGaps([...this.closed].sort((a, b) => a.t - b.t)),
    };
  }

  private second(atMs: number): Second {
    const t = Math.max(0, Math.floor((atMs - this.originMs) / 1000));
    let second = this.open.get(t);
    if (!second) {
      second = { latency: createHistogram(), requests: 0, errors: 0, dropped: 0, byClass: {}, statuses: new Map() };
      this.open.set(t, second);
    }
    return second;
  }

  private closeSecond(t: number): void {
    const s = this.open.get(t)!;
    this.open.delete(t);
    const { p50, p95, p99 } = summarizeHistogram(s.latency);
    this.closed.push({
      t,
      rps: s.requests,
      p50,
      p95,
      p99,
      errors: s.errors,
      requests: s.requests,
      dropped: s.dropped,
      errors_by_class: s.byClass,
      status_codes: Object.fromEntries([...s.statuses].map(([k, v]) => [String(k), v])),
      histogram: encodeHistogram(s.latency),
    });
  }
}

function recordInto(
  s: Series,
  latencyMs: number,
  serviceMs: number,
  status: number,
  errorClass: ErrorClass | null,
  bytes: number,
): void {
  recordMs(s.latency, latencyMs);
  recordMs(s.service, serviceMs);
  s.requests += 1;
  s.bytes += bytes;
  if (status) increment(s.statuses, status);
  if (errorClass) {
    s.errors += 1;
    s.byClass[errorClass] += 1;
    recordMs(s.errorLatency, latencyMs);
  }
}

function summaryOf(s: Series, durationS: number, targetRps?: number): Summary {
  const summary: Summary = {
    requests: s.requests,
    rps: durationS > 0 ? round2(s.requests / durationS) : 0,
    success_rps: durationS > 0 ? round2((s.requests - s.errors) / durationS) : 0,
    errors: s.errors,
    error_rate: s.requests ? s.errors / s.requests : 0,
    dropped: s.dropped,
    latency_ms: summarizeHistogram(s.latency),
    service_time_ms: summarizeHistogram(s.service),
    errors_by_class: { ...s.byClass },
    status_codes: Object.fromEntries([...s.statuses].sort((a, b) => a[0] - b[0]).map(([k, v]) => [String(k), v])),
    bytes_received: s.bytes,
  };
  if (s.errors) summary.error_latency_ms = summarizeHistogram(s.errorLatency);
  if (targetRps !== undefined) summary.target_rps = round2(targetRps);
  return summary;
}

function encodeSeries(s: Series): EncodedHistograms {
  return {
    latency: encodeHistogram(s.latency),
    service_time: encodeHistogram(s.service),
    errors: encodeHistogram(s.errorLatency),
  };
}

const EMPTY_HISTOGRAM = (() => encodeHistogram(createHistogram()))();

/** A second with no completed request still gets a row, so a stall reads as 0 RPS instead of vanishing. */
function fillGaps(rows: TimelineRow[]): TimelineRow[] {
  if (rows.length === 0) return rows;
  const out: TimelineRow[] = [];
  const byT = new Map(rows.map((r) => [r.t, r]));
  const last = rows[rows.length - 1]!.t;
  for (let t = 0; t <= last; t++) {
    out.push(
      byT.get(t) ?? {
        t,
        rps: 0,
        p50: 0,
        p95: 0,
        p99: 0,
        errors: 0,
        requests: 0,
        dropped: 0,
        errors_by_class: {},
        status_codes: {},
        histogram: EMPTY_HISTOGRAM,
      },
    );
  }
  return out;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;
