/**
 * The run's live series, `scale_audit_*`, in one prom-client registry: requests, errors and drops by endpoint
 * (the configured name, never a URL), in flight, intended and completed rate, latency (an HDR-built histogram and
 * per-second p50/p95/p99), generator lag and CPU, and every source series. Every series carries `run_id` and
 * `shard`; per-endpoint ones `endpoint`, source ones `source`: cardinality is bounded by the config, not traffic.
 * Fed from what the run already computes — closed seconds, progress, source samples — never per request.
 */
import { Counter, Gauge, Registry, type OpenMetricsContentType } from 'prom-client';
import { decodeHistogram } from '../load/histogram.js';
import type { LoadOutcome, Progress } from '../load/engine.js';
import type { EndpointCounts } from '../load/recorder.js';
import { ERROR_CLASSES, successesIn, type AppFigures, type TimelineRow } from '../result/run-result.js';
import { HdrLatencyHistogram } from './latency-histogram.js';

export const PREFIX = 'scale_audit_';

export interface RunMetricsOptions {
  runId: string;
  /** "1/1" unsharded, else this shard ("2/4"). */
  shard: string;
  endpoints: readonly string[];
  /** Requests the schedule intends in measured second t (open model); undefined in the closed model. */
  intendedInSecond?: (t: number) => number;
}

type EndpointLabel = 'endpoint';

/** The app's own figures per endpoint (docs/architecture.md, "Per-request truth from the app"), as gauges. */
const APP_GAUGES = {
  responses: "responses that carried the app's own figures (Server-Timing)",
  queries_per_request: 'database statements per request, as the app counted them',
  duplicate_queries_per_request: 'statements per request whose normalized text ran more than once in it',
  cache_hits_per_request: 'cache hits per request, as the app counted them',
  cache_misses_per_request: 'cache misses per request, as the app counted them',
  p95_seconds: 'p95 time in the view stack, as the app measured it',
  outside_p95_seconds: 'p95 time outside the view (queued behind the proxy when it stamps requests)',
} as const;
type AppGauge = keyof typeof APP_GAUGES;

export class RunMetrics {
  readonly registry = new Registry<OpenMetricsContentType>();
  private readonly requests: Counter<EndpointLabel>;
  private readonly errors: Counter<EndpointLabel | 'class'>;
  private readonly dropped: Counter<EndpointLabel>;
  private readonly latency: HdrLatencyHistogram;
  private readonly gauges: Record<
    'inFlight' | 'intended' | 'completed' | 'success' | 'p50' | 'p95' | 'p99' | 'lag' | 'cpu',
    Gauge
  >;
  private readonly sourceGauges = new Map<string, Gauge<'source'>>();
  private readonly appGauges: Record<AppGauge, Gauge<EndpointLabel>>;
  private readonly counted = new Map<string, number>();
  private lastSecond = -1;
  private cpuMark = { usage: process.cpuUsage(), at: performance.now() };

  constructor(private readonly options: RunMetricsOptions) {
    this.registry.setContentType(Registry.OPENMETRICS_CONTENT_TYPE);
    this.registry.setDefaultLabels({ run_id: options.runId, shard: options.shard });
    const registers = [this.registry];
    const counter = <L extends string>(name: string, help: string, labelNames: L[]): Counter<L> =>
      new Counter({ name: PREFIX + name, help, labelNames, registers });
    const gauge = (name: string, help: string): Gauge => new Gauge({ name: PREFIX + name, help, registers });
    this.requests = counter('requests', 'completed measured requests (successes and errors)', ['endpoint']);
    this.errors = counter('errors', 'failed measured requests by error class', ['endpoint', 'class']);
    this.dropped = counter('dropped', 'requests the schedule wanted but could not start (max_in_flight)', ['endpoint']);
    this.latency = new HdrLatencyHistogram(
      `${PREFIX}latency_seconds`,
      'latency from the intended send time (open model) or service time (closed model)',
      this.registry,
    );
    this.appGauges = Object.fromEntries(
      Object.entries(APP_GAUGES).map(([key, help]) => [
        key,
        new Gauge({ name: `${PREFIX}app_${key}`, help, labelNames: ['endpoint'], registers }),
      ]),
    ) as Record<AppGauge, Gauge<EndpointLabel>>;
    this.gauges = {
      inFlight: gauge('in_flight', 'requests sent and not yet answered'),
      intended: gauge('intended_rps', 'requests the schedule asked for in the last closed second'),
      completed: gauge('completed_rps', 'requests completed in the last closed second'),
      success: gauge('success_rps', 'successful responses in the last closed second'),
      p50: gauge('latency_p50_seconds', 'p50 latency of the last closed second'),
      p95: gauge('latency_p95_seconds', 'p95 latency of the last closed second'),
      p99: gauge('latency_p99_seconds', 'p99 latency of the last closed second'),
      lag: gauge('generator_lag_seconds', 'p99 of how late requests left against the schedule, so far'),
      cpu: gauge('generator_cpu_ratio', "this process's CPU time per wall second since the last update"),
    };
    for (const endpoint of options.endpoints) {
      this.requests.inc({ endpoint }, 0);
      this.dropped.inc({ endpoint }, 0);
      for (const cls of ERROR_CLASSES) this.errors.inc({ endpoint, class: cls }, 0);
    }
  }

  /** A closed second of the timeline (merged across workers). Seconds arrive once each, in order. */
  observeSecond(row: TimelineRow): void {
    if (row.t <= this.lastSecond) return;
    this.lastSecond = row.t;
    if (row.histogram) this.latency.addHdr(decodeHistogram(row.histogram));
    this.gauges.completed.set(row.requests);
    this.gauges.success.set(successesIn(row));
    this.gauges.p50.set(row.p50 / 1000);
    this.gauges.p95.set(row.p95 / 1000);
    this.gauges.p99.set(row.p99 / 1000);
    const intended = this.options.intendedInSecond?.(row.t);
    if (intended !== undefined) this.gauges.intended.set(intended);
  }

  /** The engine's live counters (cumulative per endpoint). */
  observeProgress(progress: Progress): void {
    this.gauges.inFlight.set(progress.inFlight);
    this.gauges.lag.set(progress.scheduleLagMs / 1000);
    progress.endpoints.forEach((counts, i) => this.raiseCounts(i, counts));
    this.observeCpu();
  }

  /** One sample of a source: every value becomes `scale_audit_source_<name>{source}`. */
  observeSource(source: string, values: Record<string, number>): void {
    for (const [key, value] of Object.entries(values)) {
      if (Number.isFinite(value)) this.sourceGauge(key).set({ source }, value);
    }
  }

  /** The run's final figures: seconds closed after the last live update, and the exact totals. */
  finish(outcome: LoadOutcome): void {
    for (const row of outcome.timeline) this.observeSecond(row);
    outcome.endpoints.forEach((e, i) => this.raiseCounts(i, e.summary));
    for (const [endpoint, app] of Object.entries(outcome.app ?? {})) this.observeApp(endpoint, app);
    this.gauges.inFlight.set(0);
  }

  /** The app's own figures of an endpoint (Server-Timing), at the end of the run: per request and p95 times. */
  private observeApp(endpoint: string, f: AppFigures): void {
    if (!this.options.endpoints.includes(endpoint) || f.responses === 0) return;
    const values: Record<AppGauge, number> = {
      responses: f.responses,
      queries_per_request: f.queries_per_request,
      duplicate_queries_per_request: f.duplicate_queries_per_request,
      cache_hits_per_request: f.cache_hits_per_request,
      cache_misses_per_request: f.cache_misses_per_request,
      p95_seconds: f.app_ms.p95 / 1000,
      outside_p95_seconds: (f.queued_ms ?? f.outside_app_ms).p95 / 1000,
    };
    for (const key of Object.keys(values) as AppGauge[]) this.appGauges[key].set({ endpoint }, values[key]);
  }

  /** Total completed requests counted so far (for messages and tests). */
  get requestCount(): number {
    return this.options.endpoints.reduce((n, e) => n + (this.counted.get(`requests|${e}`) ?? 0), 0);
  }

  private raiseCounts(index: number, counts: EndpointCounts): void {
    const endpoint = this.options.endpoints[index];
    if (endpoint === undefined) return;
    this.raise(this.requests, `requests|${endpoint}`, { endpoint }, counts.requests);
    this.raise(this.dropped, `dropped|${endpoint}`, { endpoint }, counts.dropped);
    for (const cls of ERROR_CLASSES) {
      this.raise(this.errors, `errors|${endpoint}|${cls}`, { endpoint, class: cls }, counts.errors_by_class[cls]);
    }
  }

  /** Counters only go up: add what a cumulative figure gained since it was last seen. */
  private raise<L extends string>(counter: Counter<L>, key: string, labels: Record<L, string>, total: number): void {
    const gained = total - (this.counted.get(key) ?? 0);
    if (gained <= 0) return;
    counter.inc(labels, gained);
    this.counted.set(key, total);
  }

  private observeCpu(): void {
    const now = performance.now();
    const wallMs = now - this.cpuMark.at;
    if (wallMs < 500) return;
    const used = process.cpuUsage(this.cpuMark.usage);
    this.gauges.cpu.set(Math.round(((used.user + used.system) / 1000 / wallMs) * 1000) / 1000);
    this.cpuMark = { usage: process.cpuUsage(), at: now };
  }

  private sourceGauge(key: string): Gauge<'source'> {
    const name = `${PREFIX}source_${metricNamePart(key)}`;
    let gauge = this.sourceGauges.get(name);
    if (!gauge) {
      gauge = new Gauge({
        name,
        help: `source series ${key} (as sampled: a counter or a gauge)`,
        labelNames: ['source'],
        registers: [this.registry],
      });
      this.sourceGauges.set(name, gauge);
    }
    return gauge;
  }
}

/** A source's value name as part of a metric name: [a-z0-9_] only. */
export function metricNamePart(key: string): string {
  return (
    key
      .toLowerCase()
      .replace(/[^a-z0-9_]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'value'
  );
}
