/**
 * Realistic RunResult fixtures: requests recorded into real HDR histograms (overall, per endpoint and one per
 * second, encoded as run.json keeps them), so audits, windows and renderers read what a run writes.
 */
import { Recorder } from '../../src/load/recorder.js';
import {
  RESULT_VERSION,
  type DrillResult,
  type EndpointResult,
  type ErrorClass,
  type GeneratorHealth,
  type RunResult,
} from '../../src/result/run-result.js';
import type {
  CacheEvidence,
  DbEvidence,
  EdgeEndpointStat,
  EdgeEvidence,
  Evidence,
  QueueEvidence,
  StatementStat,
} from '../../src/result/evidence.js';
import { emptyProbeResult, type ProbeResult } from '../../src/edge/probe/probe-result.js';

/** Clock value of t = 0 for the recorder (any number: only differences matter). */
const ORIGIN_MS = 1_000_000;

export interface FixtureError {
  class: ErrorClass;
  /** HTTP status for class 'http' (and for 429/503 rejections). */
  status?: number;
}

export interface FixtureEndpoint {
  name: string;
  method?: string;
  path?: string;
  weight?: number;
  /** Completed requests per second. */
  rps: number;
  /** CO-corrected latency in ms of the i-th request of second t. */
  latency: (t: number, i: number) => number;
  /** Service time; defaults to 80 % of the latency. */
  service?: (t: number, i: number) => number;
  /** An error for this request, or null. */
  error?: (t: number, i: number) => FixtureError | null;
  /** Response status of a success. */
  status?: number;
  bytes?: number;
}

export interface RunFixtureOptions {
  model?: 'open' | 'closed';
  target?: string;
  /** Open model target rate; defaults to the sum of the endpoints' rps. */
  rate?: number;
  stages?: { duration_s: number; rate: number }[];
  duration_s?: number;
  endpoints?: FixtureEndpoint[];
  /** Requests the schedule could not start, per second. */
  dropped_per_s?: number;
  evidence?: Evidence;
  generator?: Partial<GeneratorHealth>;
  drill?: DrillResult;
  config?: Record<string, unknown>;
  partial?: boolean;
}

export const DEFAULT_ENDPOINTS: FixtureEndpoint[] = [
  { name: 'home', path: '/', weight: 4, rps: 40, latency: (_t, i) => 20 + (i % 10) * 4, bytes: 4_000 },
  { name: 'products', path: '/products', weight: 1, rps: 10, latency: (_t, i) => 80 + (i % 5) * 10, bytes: 12_000 },
];

export function makeRunResult(options: RunFixtureOptions = {}): RunResult {
  const endpoints = options.endpoints ?? DEFAULT_ENDPOINTS;
  const model = options.model ?? 'open';
  const duration = options.duration_s ?? (options.stages ? options.stages.reduce((a, s) => a + s.duration_s, 0) : 10);
  const rate = options.rate ?? endpoints.reduce((a, e) => a + e.rps, 0);
  // The real recorder, fed request by request: fixtures hold exactly what a run would record.
  const recorder = new Recorder(endpoints.length, ORIGIN_MS);
  for (let t = 0; t < duration; t++) {
    const at = ORIGIN_MS + t * 1000 + 500;
    for (let d = 0; d < (options.dropped_per_s ?? 0); d++) recorder.drop(0, at);
    endpoints.forEach((ep, k) => {
      for (let i = 0; i < ep.rps; i++) {
        const latency = ep.latency(t, i);
        const service = ep.service ? ep.service(t, i) : latency * 0.8;
        const error = ep.error?.(t, i) ?? null;
        const status = error ? (error.status ?? 0) : (ep.status ?? 200);
        recorder.record(k, at, latency, service, status, error?.class ?? null, ep.bytes ?? 2_000);
      }
    });
  }
  const recorded = recorder.snapshot(duration, model === 'open' && !options.stages ? rate : undefined);
  const endpointResults: Record<string, EndpointResult> = {};
  endpoints.forEach((ep, k) => {
    endpointResults[ep.name] = {
      name: ep.name,
      method: ep.method ?? 'GET',
      path: ep.path ?? `/${ep.name}`,
      weight: ep.weight ?? 1,
      ...recorded.endpoints[k]!,
    };
  });
  const { summary, timeline } = recorded;
  const generator: GeneratorHealth = {
    event_loop_delay_ms: { p50: 0.02, p99: 1.2, max: 4 },
    schedule_lag_ms: { p50: 0.1, p99: 2, max: 6 },
    cpu_ratio: 0.3,
    lagged: false,
    ...options.generator,
  };
  const result: RunResult = {
    version: RESULT_VERSION,
    tool: { name: 'scale-audit', version: '0.1.0' },
    partial: options.partial ?? false,
    started_at: '2025-01-15T10:00:00.000Z',
    start_ms: 1_736_935_200_000,
    duration_s: duration,
    config: options.config ?? {},
    environment: { node: 'v20.18.0', platform: 'linux', arch: 'x64', cpus: 2, hostname: 'ci-runner' },
    plan: {
      model,
      target: options.target ?? 'http://127.0.0.1:8000',
      duration_s: duration,
      warmup_s: 0,
      ...(model === 'open' ? (options.stages ? { stages: options.stages } : { rate }) : { connections: 10 }),
      endpoints: endpoints.map((e) => ({
        name: e.name,
        method: e.method ?? 'GET',
        path: e.path ?? `/${e.name}`,
        weight: e.weight ?? 1,
      })),
      workers: 1,
    },
    summary,
    histograms: recorded.histograms,
    endpoints: endpointResults,
    timeline,
    generator,
    sources: {},
    evidence: options.evidence ?? {},
    findings: [],
    score: { overall: null, categories: {} },
    gates: [],
  };
  if (options.drill) result.drill = options.drill;
  return result;
}

/** A drill result: baseline, what the fault did, and the recovery. */
export function makeDrill(overrides: Partial<DrillResult> = {}): DrillResult {
  return {
    actions: [
      {
        name: 'kill worker',
        command: 'kill -9 1234',
        at_s: 10,
        exit_code: 0,
        timed_out: false,
        output: '',
        kind: 'fault',
      },
      {
        name: 'kill worker',
        command: 'systemctl start app',
        at_s: 20,
        exit_code: 0,
        timed_out: false,
        output: '',
        kind: 'recover',
      },
    ],
    baseline: { p95_ms: 80, error_rate: 0 },
    degradation: { p95_ms: 400, error_rate: 0.02, by_class: { '503': 30 }, seconds: 8 },
    recovery_s: 6,
    summary: 'recovered in 6 s',
    ...overrides,
  };
}

/** Edge evidence of a run whose responses carried sensible headers; override what a test needs. */
export function makeEdgeEvidence(overrides: Partial<EdgeEvidence> = {}): EdgeEvidence {
  const perEndpoint: Record<string, EdgeEndpointStat> = {
    home: {
      responses: 400,
      hits: 0,
      offload_ratio: 0,
      cache_control: 'private, no-cache',
      cache_control_values: { 'private, no-cache': 400 },
      content_encoding: { gzip: 400 },
      etag: 400,
      last_modified: 0,
      bytes_total: 400 * 4_000,
      bytes_from_cache: 0,
    },
    products: {
      responses: 100,
      hits: 60,
      offload_ratio: 0.6,
      cache_control: 'public, max-age=60',
      cache_control_values: { 'public, max-age=60': 100 },
      content_encoding: { br: 100 },
      etag: 100,
      last_modified: 100,
      bytes_total: 100 * 12_000,
      bytes_from_cache: 60 * 12_000,
    },
  };
  return {
    responses: 500,
    hits: 60,
    offload_ratio: 0.12,
    bytes_total: 2_800_000,
    bytes_from_cache: 720_000,
    cache_status: { HIT: 60, MISS: 40, NONE: 400 },
    cache_control: { private: 400, 'no-cache': 400, public: 100, 'max-age': 100 },
    cache_control_missing: 0,
    content_encoding: { gzip: 400, br: 100 },
    cookies: [{ name: 'csrftoken', affinity: false, count: 20, on_cacheable: 0 }],
    vary: { 'accept-encoding': 500, cookie: 400 },
    vary_on_cacheable: { 'accept-encoding': 100 },
    tracing: { traceparent: 500, request_id: 500, server_timing: 0, any: 500 },
    retry_after: { with: 0, without: 0 },
    per_endpoint: perEndpoint,
    ...overrides,
  };
}

export function makeStatement(overrides: Partial<StatementStat> = {}): StatementStat {
  return {
    queryid: '101',
    query: 'SELECT "shop_product"."id", "shop_product"."name" FROM "shop_product" WHERE "shop_product"."id" = $1',
    where: 'primary',
    calls: 500,
    total_ms: 250,
    mean_ms: 0.5,
    rows: 500,
    calls_per_request: 1,
    ...overrides,
  };
}

/** Database evidence of a healthy primary with one replica and pgbouncer. */
export function makeDbEvidence(overrides: Partial<DbEvidence> = {}): DbEvidence {
  return {
    pg_stat_statements: true,
    queries_per_request: 3,
    queries_total: 1_500,
    statements: [makeStatement()],
    buffer_hit_ratio: 0.998,
    blks_hit: 99_800,
    blks_read: 200,
    tables: [{ table: 'shop_product', seq_scan: 2, seq_tup_read: 40, idx_scan: 500, idx_tup_fetch: 5_000 }],
    connections: {
      peak: 20,
      max_connections: 100,
      ratio: 0.2,
      idle_in_transaction_max: 0,
      idle_in_transaction_age_max_s: 0,
      longest_transaction_s: 0.2,
      lock_waits_max: 0,
    },
    pooler: { present: true, cl_waiting_max: 0, maxwait_ms_max: 0, sv_active_max: 8 },
    replicas: [
      {
        name: 'replica:1',
        xact_commit: 300,
        tup_returned: 9_000,
        lag_max_s: 0.05,
        lag_p95_s: 0.02,
        lag_bytes_max: 4096,
      },
    ],
    replica_lag_max_s: 0.05,
    replica_lag_p95_s: 0.02,
    replica_lag_bytes_max: 4096,
    ...overrides,
  };
}

export function makeQueueEvidence(overrides: Partial<QueueEvidence> = {}): QueueEvidence {
  return {
    names: ['celery', 'emails'],
    depth_max: 40,
    depth_start: 0,
    depth_end: 0,
    slope_per_s: 0.01,
    drain_s: 4,
    active_queues: 2,
    by_queue: { celery: { depth_max: 30 }, emails: { depth_max: 10 } },
    ...overrides,
  };
}

export function makeCacheEvidence(overrides: Partial<CacheEvidence> = {}): CacheEvidence {
  return { hit_ratio: 0.93, hits: 930, misses: 70, evictions: 0, memory_ratio: 0.4, session_keys: 12, ...overrides };
}

/** A `probe --json` object for one URL, as src/edge/probe.ts writes it. */
export function makeProbe(url: string, overrides: Partial<ProbeResult> = {}): ProbeResult {
  return {
    ...emptyProbeResult(url),
    status: 200,
    protocol: url.startsWith('https:') ? 'h2' : 'http/1.1',
    content_type: 'text/html; charset=utf-8',
    ...overrides,
  };
}
