/**
 * RunResult v1 — the contents of run.json and the only thing renderers, compare and merge read.
 * Names are the stable surface of docs/architecture.md: extend, never rename.
 */
import type { Evidence } from './evidence.js';

export const RESULT_VERSION = 1;

export interface LatencySummary {
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** `extract`: a flow step's value was not in its response; `csrf`: Django's CSRF check rejected a flow step. */
export const ERROR_CLASSES = ['http', 'timeout', 'refused', 'reset', 'tls', 'other', 'extract', 'csrf'] as const;
export type ErrorClass = (typeof ERROR_CLASSES)[number];

export interface Summary {
  /** Completed requests (successes and errors) in the measured window (warmup excluded). */
  requests: number;
  /** Completed requests per second, failures included (the rate the target answered at). */
  rps: number;
  /** Successful responses per second: what `slo.throughput` judges against the target rate. */
  success_rps?: number;
  errors: number;
  error_rate: number;
  /** Requests the schedule wanted but could not start (max_in_flight reached): k6's dropped iterations. */
  dropped: number;
  /** Open model: the rate the schedule asked for over the measured window. */
  target_rps?: number;
  /** CO-corrected latency (from intended send time) in the open model; service time in the closed model. */
  latency_ms: LatencySummary;
  /** Raw service time: from actual send to last byte. */
  service_time_ms: LatencySummary;
  /** Latency of the requests that failed, as a separate series. */
  error_latency_ms?: LatencySummary;
  errors_by_class: Record<ErrorClass, number>;
  status_codes: Record<string, number>;
  bytes_received: number;
  /** Over every endpoint: what the app reported of its own requests (`app.token`); absent when not asked. */
  app?: AppFigures;
}

export interface AppPercentiles {
  p50: number;
  p95: number;
  p99: number;
}

/**
 * What the app reported of its own requests, per endpoint or over all (Server-Timing sa-* metrics, see
 * docs/architecture.md). Times in ms; `*_per_request` divide by `responses`. `totals` and `histograms` are what
 * merges exactly across workers, shards and endpoints; the rest is derived from them.
 */
export interface AppFigures {
  /** Responses that carried the app's figures. */
  responses: number;
  /** Responses that did not (a wrong token, a proxy's own answer, a transport error). */
  without: number;
  app_ms: AppPercentiles;
  /** Service time − app time: the network, the proxy, and waiting for a free app worker. */
  outside_app_ms: AppPercentiles;
  /** Between the proxy's X-Request-Start stamp and the view: only when the proxy stamps requests. */
  queued_ms?: AppPercentiles;
  db_ms: { p50: number; p95: number };
  queries_per_request: number;
  duplicate_queries_per_request: number;
  cache_hits_per_request: number;
  cache_misses_per_request: number;
  tasks_per_request: Record<string, number>;
  top_duplicate?: { statement: string; per_request: number };
  totals: AppTotals;
  histograms: { app: string; outside_app: string; queued: string; db: string };
}

export interface AppTotals {
  queries: number;
  duplicates: number;
  cache_hits: number;
  cache_misses: number;
  /** Responses whose request the proxy stamped. */
  queued_responses: number;
  tasks: Record<string, number>;
  /** Per most-repeated statement: its runs, summed over the requests where it was the most repeated. */
  duplicate_statements: Record<string, number>;
}

/** Base64 compressed HDR histograms, values in microseconds (1 µs – 60 s, 3 significant digits). */
export interface EncodedHistograms {
  latency: string;
  service_time: string;
  errors: string;
}

export interface EndpointResult {
  name: string;
  method: string;
  path: string;
  weight: number;
  summary: Summary;
  histograms: EncodedHistograms;
  /** What the app reported of this endpoint's requests (`app.token`). */
  app?: AppFigures;
}

/**
 * A flow's iterations (one virtual user's session each). `iterations` started in the measured window; the ones
 * neither completed nor failed were cut by the end of the run. Latency: completed iterations, from the first
 * request's intended start to the last response (think time included).
 */
export interface FlowResult {
  name: string;
  weight: number;
  /** Step names in order; each is the endpoint "<flow>/<step>". */
  steps: string[];
  iterations: number;
  completed: number;
  failed: number;
  /** Iterations the schedule wanted but could not start (max_in_flight reached). */
  dropped: number;
  summary: {
    /** Completed iterations per second. */
    rate: number;
    /** Open model: iterations per second the schedule asked for. */
    target_rate?: number;
    /** failed / (completed + failed). */
    failure_rate: number;
    latency_ms: LatencySummary;
  };
  /** Failed iterations by the step they failed at. */
  failed_at: Record<string, number>;
  /** Failed iterations by error class (extract, csrf, http, timeout, …). */
  failed_by_class: Record<string, number>;
  /** Encoded HDR histogram of the completed iterations' latency (µs). */
  histogram: string;
}

/** A data set's use in a run: rows handed to iterations, and whether a unique set ran out (ending the load). */
export interface DataSetUse {
  mode: 'unique' | 'circular' | 'random';
  rows: number;
  /** Rows taken (unique sets). */
  used: number;
  exhausted: boolean;
}

export interface TimelineRow {
  /** Seconds since the end of warmup (0 = first measured second). */
  t: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  requests: number;
  dropped: number;
  errors_by_class: Partial<Record<ErrorClass, number>>;
  status_codes: Record<string, number>;
  /** Encoded latency histogram of this second (µs), so runs and shards merge and compare exactly. */
  histogram: string;
}

/** Successful responses in one second of the timeline: what the successful rate counts. */
export const successesIn = (row: Pick<TimelineRow, 'requests' | 'errors'>): number => row.requests - row.errors;

export interface GeneratorHealth {
  event_loop_delay_ms: { p50: number; p99: number; max: number };
  schedule_lag_ms: { p50: number; p99: number; max: number };
  /**
   * Open model: how long each request spent in the generator between its intended instant and its first byte
   * written (schedule lag plus any wait for a socket); flow iterations' requests included. Absent in old runs.
   */
  queue_ms?: { p50: number; p99: number; max: number };
  cpu_ratio: number;
  /** True when the generator itself could not keep the schedule: results then say so instead of blaming the target. */
  lagged: boolean;
  reason?: string;
  /** What limited the generator when it was one of its settings ("max_in_flight": raise load.max_in_flight). */
  limited_by?: GeneratorLimit;
  /** `run --calibrate`: the highest open rate this machine's generator held against a null server, req/s. */
  calibrated_max_rate?: number;
}

/** A setting of the generator that was its limit in a run. */
export type GeneratorLimit = 'max_in_flight';

export interface SeriesPoint {
  /** Seconds since the start of measured load (negative during warmup, > duration while draining). */
  t: number;
  values: Record<string, number>;
}

export interface SourceGap {
  t: number;
  reason: string;
}

export interface SourceResult {
  id: string;
  kind: string;
  /** Redacted description: host, database, what was sampled. */
  description: string;
  series: SeriesPoint[];
  gaps: SourceGap[];
  /** Run-level deltas and facts (source specific). */
  deltas: Record<string, unknown>;
  /** Sampling queries' own time as a share of the interval. */
  overhead_ratio?: number;
}

export type FindingStatus = 'pass' | 'warn' | 'fail' | 'not-measured';

export interface Finding {
  id: string;
  category: string;
  title: string;
  status: FindingStatus;
  value: number | string | null;
  threshold: number | string | null;
  message: string;
  remedy: string;
  /** Extra detail: endpoints or statements named by the rule. */
  details?: Record<string, unknown>;
}

export interface Gate {
  id: string;
  passed: boolean;
  value: number | null;
  threshold: number;
  message?: string;
}

export interface Score {
  overall: number | null;
  categories: Record<string, number | null>;
}

export interface DrillActionResult {
  name: string;
  command: string;
  at_s: number;
  exit_code: number | null;
  timed_out: boolean;
  output: string;
  kind: 'fault' | 'recover';
  /** How long the command ran. */
  duration_s?: number;
}

/**
 * What the service did during a fault. by_class: transport classes (timeout, reset, refused, tls, other) and
 * HTTP errors by status code ("429", "502", …); seconds: how long the error rate was over its limit.
 */
export interface DrillDegradation {
  p95_ms: number;
  error_rate: number;
  by_class: Record<string, number>;
  seconds: number;
}

/** A source's recovery from a fault: replica lag back under budget, a queue back to its normal depth. */
export interface DrillSourceRecovery {
  /** "<source id>.<value name>", e.g. "postgres.replica_1_lag_s", "celery.depth". */
  key: string;
  kind: 'replica_lag' | 'queue_depth';
  /** Lag budget in seconds, or the queue's depth before the fault. */
  threshold: number;
  peak: number;
  recovery_s: number | null;
}

/** One fault of a drill, analysed on its own. */
export interface DrillFaultResult {
  name: string;
  at_s: number;
  exit_code: number | null;
  timed_out: boolean;
  degradation: DrillDegradation;
  recovery_s: number | null;
  /** When this fault's recovery command ran. */
  recover_at_s?: number;
  sources?: DrillSourceRecovery[];
}

export interface DrillResult {
  actions: DrillActionResult[];
  baseline: { p95_ms: number; error_rate: number };
  degradation: { p95_ms: number; error_rate: number; by_class: Record<string, number>; seconds: number };
  recovery_s: number | null;
  sources_recovery_s?: Record<string, number | null>;
  summary: string;
  /** The per-second limits a second had to meet to count as recovered, and for how many seconds in a row. */
  thresholds?: {
    p95_ms: number;
    error_rate: number;
    from: { p95: 'slo' | 'baseline'; error_rate: 'slo' | 'baseline' };
    consecutive: number;
  };
  /** Each fault on its own (the top-level figures are over all of them). */
  faults?: DrillFaultResult[];
  sources?: DrillSourceRecovery[];
}

export interface RunPlan {
  model: 'open' | 'closed';
  target: string;
  duration_s: number;
  warmup_s: number;
  /** Open model: constant rate or stages; closed: connections. */
  rate?: number;
  stages?: { duration_s: number; rate: number }[];
  connections?: number;
  /** accept_encoding: the Accept-Encoding header the run's requests carried (absent: none was sent). */
  endpoints: { name: string; method: string; path: string; weight: number; accept_encoding?: string }[];
  /** Flows in the mix: their weight (share of arrivals, with the endpoints') and step endpoints. */
  flows?: { name: string; weight: number; steps: string[] }[];
  shard?: { index: number; count: number };
  /** Shard runs: a hash of the whole plan (before sharding), so `merge` refuses shards of different plans. */
  fingerprint?: string;
  /** A merged result: how many shards it was merged from. */
  shards?: number;
  workers: number;
}

export type CapacityStatus = 'found' | 'ceiling' | 'inconclusive' | 'none' | 'interrupted';

/** One step of the capacity search, judged over its steady part. */
export interface CapacityStep {
  rate: number;
  achieved_rps: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  error_rate: number;
  passed: boolean;
  verdict: 'pass' | 'fail' | 'inconclusive' | 'interrupted';
  reason: string;
  /** The confirmation hold at the answer. */
  confirmation?: boolean;
  settle_s: number;
  hold_s: number;
  /** Little's law over the step: achieved rate × mean service time. */
  concurrency: number;
  mean_service_ms: number;
  /** The key figure of each tier the saturation ranking reads (see src/capacity/step-signals.ts). */
  signals: Record<string, number>;
  /** The step's source evidence (without per-statement and per-table lists). */
  evidence: Evidence;
}

export interface CapacityLimit {
  signal: string;
  tier: 'data' | 'web' | 'generator';
  detail: string;
  value?: number;
  passing_max?: number;
}

export interface CapacityUsl {
  sigma: number;
  kappa: number;
  lambda: number;
  peak_rate: number | null;
  peak_concurrency: number | null;
  r2: number;
  points: number;
  poor: boolean;
}

export interface CapacityResult {
  status: CapacityStatus;
  /** The highest rate that met the SLO (null: no capacity was established). */
  max_rate: number | null;
  /** [highest passing, lowest failing] rate. */
  bracket: [number | null, number | null];
  confirmed: boolean;
  reason: string;
  /** The SLO each step was judged by. */
  slo: { p50?: number; p90?: number; p95?: number; p99?: number; error_rate?: number };
  limited_by: CapacityLimit[];
  concurrency_at_knee: number | null;
  usl: CapacityUsl | null;
  /** The gate: --min-rate / capacity.min_rate. */
  min_rate?: number;
  search: {
    start: number;
    ceiling: number;
    ceiling_by: 'max' | 'limits.max_rate';
    precision: number;
    step_s: number;
    settle_s: number;
    cooldown_s: number;
    confirm_s: number;
  };
  steps: CapacityStep[];
}

export interface RunResult {
  version: typeof RESULT_VERSION;
  tool: { name: 'scale-audit'; version: string };
  partial: boolean;
  /** Why a partial run stopped: "interrupted", "aborted: error rate …". */
  stop_reason?: string;
  started_at: string;
  /** Wall-clock epoch ms of timeline t = 0 (so shards align on wall-clock seconds). */
  start_ms: number;
  duration_s: number;
  config: Record<string, unknown>;
  environment: { node: string; platform: string; arch: string; cpus: number; hostname: string };
  plan: RunPlan;
  summary: Summary;
  histograms: EncodedHistograms;
  endpoints: Record<string, EndpointResult>;
  /** Flows: whole iterations per flow (each step is also an endpoint "<flow>/<step>"). */
  flows?: Record<string, FlowResult>;
  /** Data sets used by flows. */
  data?: Record<string, DataSetUse>;
  /** Why the load ended before its schedule without being stopped: a unique data set ran out. Not partial. */
  ended_early?: string;
  timeline: TimelineRow[];
  generator: GeneratorHealth;
  sources: Record<string, SourceResult>;
  evidence: Evidence;
  findings: Finding[];
  score: Score;
  gates: Gate[];
  drill?: DrillResult;
  /** Profile phase: each endpoint alone at a low rate. */
  profile?: Record<string, { requests: number; summary: Summary }>;
  /** `capacity`: the search for the highest rate that meets the SLO; the rest of the result is its answer's step. */
  capacity?: CapacityResult;
}
