/**
 * What the sources and the edge observed, in the plain units of run.json (ms for latency, seconds for lag
 * and drain, ratios 0–1 for shares). A missing key means "not measured": checks must treat it that way.
 */

export interface StatementStat {
  queryid: string;
  /** Normalized SQL text as pg_stat_statements shows it (truncated to 500 chars). */
  query: string;
  /** Where it ran: "primary" or "replica:<n>". */
  where: string;
  /** The role that ran it. */
  role?: string;
  /** Absent for the app's own statements (what Django counts); see src/sources/postgres/statement-kind.ts. */
  kind?: 'transaction' | 'async';
  calls: number;
  total_ms: number;
  mean_ms: number;
  rows: number;
  /** calls ÷ requests of the run (or of the endpoint in the profile phase). */
  calls_per_request?: number;
}

export interface TableStat {
  table: string;
  seq_scan: number;
  seq_tup_read: number;
  idx_scan: number;
  idx_tup_fetch: number;
}

export interface ReplicaStat {
  /** "replica:<n>" in config order. */
  name: string;
  xact_commit: number;
  tup_returned: number;
  lag_max_s?: number;
  lag_p95_s?: number;
  lag_bytes_max?: number;
}

export interface EndpointDbProfile {
  requests: number;
  /** The app's statements per request (what Django counts). */
  queries_per_request: number;
  /** BEGIN/COMMIT/ROLLBACK and driver housekeeping per request, beside it. */
  transaction_control_per_request?: number;
  /** Statements of background workers' roles per request (the async work the endpoint caused). */
  async_queries_per_request?: number;
  statements: StatementStat[];
}

export interface ServerBufferStat {
  blks_hit: number;
  blks_read: number;
  /** Absent when nothing was read there. */
  ratio?: number;
}

export interface DbEvidence {
  pg_stat_statements?: boolean;
  /**
   * The app's statements (what Django counts: no transaction control, no background workers' roles) over the
   * primary and every watched replica ÷ Δ requests; the tool's own statements excluded. Absent when no
   * statement of the app was seen while requests were served: that is "not seen", never 0.
   */
  queries_per_request?: number;
  /** The app's statements during the run. */
  queries_total?: number;
  transaction_control_per_request?: number;
  async_queries_per_request?: number;
  /** Roles counted as background work (async); roles shared by web and workers, which cannot be split. */
  async_roles?: string[];
  shared_roles?: string[];
  /** Standbys the primary streams to that no --pg-replica watches: reads sent there are not counted. */
  unwatched_standbys?: number;
  statements?: StatementStat[];
  /**
   * pg_stat_statements was reset (stats_reset moved, or counters went backwards) during the run: counts are
   * partial.
   */
  statements_reset?: boolean;
  /** Entries pg_stat_statements evicted during the run (pg_stat_statements.max too small): counts may be partial. */
  statements_dealloc?: number;
  /** Filled by the profile phase: each endpoint alone. */
  per_endpoint?: Record<string, EndpointDbProfile>;
  /** Over every watched server together (primary and replicas). */
  buffer_hit_ratio?: number;
  blks_hit?: number;
  blks_read?: number;
  /** "primary", "replica:<n>" → that server's blocks. */
  buffer_hit_by_server?: Record<string, ServerBufferStat>;
  xact_commit?: number;
  xact_rollback?: number;
  deadlocks?: number;
  temp_bytes?: number;
  tables?: TableStat[];
  connections?: {
    peak: number;
    max_connections: number;
    ratio: number;
    idle_in_transaction_max: number;
    idle_in_transaction_age_max_s: number;
    longest_transaction_s: number;
    lock_waits_max: number;
  };
  pooler?: { present: boolean; cl_waiting_max: number; maxwait_ms_max: number; sv_active_max?: number };
  replicas?: ReplicaStat[];
  replica_lag_max_s?: number;
  /** A replica was already behind at the run's first sample: replica_lag_max_s is a lower bound. */
  replica_lag_at_least?: boolean;
  replica_lag_p95_s?: number;
  replica_lag_bytes_max?: number;
  /** The sampling queries' own time as a share of the interval. */
  overhead_ratio?: number;
}

export interface CacheEvidence {
  hit_ratio?: number;
  hits?: number;
  misses?: number;
  evictions?: number;
  memory_ratio?: number;
  connected_clients_max?: number;
  ops_per_s?: number;
  /** Session keys found by the bounded SCAN (undefined when not scanned). */
  session_keys?: number;
}

/** What the bounded SCAN of one Redis for session keys covered: run.json `sources.<redis>.deltas.sessions`. */
export interface SessionScan {
  /** The Redis scanned, its URL redacted. */
  redis?: string;
  pattern: string;
  found?: number;
  /** The whole keyspace was walked (the cursor came back to 0). */
  complete?: boolean;
  /** Keys SCAN walked (COUNT per call; the whole keyspace when complete). */
  keys_scanned?: number;
  /** DBSIZE of the scanned database. */
  db_keys?: number;
  stopped_by?: 'max_scan' | 'max_time';
  error?: string;
}

export interface QueueEvidence {
  names: string[];
  /** The largest total depth over all watched queues at any sample. */
  depth_max?: number;
  depth_start?: number;
  depth_end?: number;
  /** Least-squares slope of total depth during load, messages per second. */
  slope_per_s?: number;
  /** Seconds after load stopped until depth was back to its starting value; null when it never drained. */
  drain_s?: number | null;
  /** Queues that carried tasks during the run: seen waiting in a depth sample, or flowing (`flow`). */
  active_queues?: number;
  /** `flow`: list writes (pushes and pops) seen during the run, where the broker lets them be counted. */
  by_queue?: Record<string, { depth_max: number; consumers?: number; flow?: number }>;
  /** How task flow was measured beside the depth samples ("Redis CLIENT TRACKING …", "depth samples only …"). */
  flow_measured_by?: string;
  /** Celery on Redis: the most messages reserved by workers but not yet acknowledged (the `unacked` hash). */
  unacked_max?: number;
}

export interface CookieStat {
  name: string;
  affinity: boolean;
  count: number;
  /** On responses that were otherwise publicly cacheable. */
  on_cacheable: number;
}

export interface EdgeEndpointStat {
  responses: number;
  hits: number;
  offload_ratio: number;
  cache_control?: string;
  content_encoding: Record<string, number>;
  etag: number;
  last_modified: number;
  /**
   * Each raw Cache-Control value seen and how often (cache_control is the most frequent); lets shards merge
   * exactly.
   */
  cache_control_values?: Record<string, number>;
  cache_status?: Record<string, number>;
  bytes_total?: number;
  bytes_from_cache?: number;
}

export interface EdgeEvidence {
  responses: number;
  /** Responses served from a cache (HIT by X-Cache / CF-Cache-Status / X-Cache-Status, or Age > 0). */
  hits: number;
  offload_ratio?: number;
  bytes_total: number;
  bytes_from_cache: number;
  cache_status: Record<string, number>;
  /** Directive name → responses carrying it. */
  cache_control: Record<string, number>;
  /** Responses without any Cache-Control header. */
  cache_control_missing?: number;
  /** Responses a shared cache may store (public, max-age or s-maxage; no private/no-store; a cacheable status). */
  cacheable_responses?: number;
  content_encoding: Record<string, number>;
  cookies: CookieStat[];
  vary: Record<string, number>;
  vary_on_cacheable: Record<string, number>;
  tracing: {
    traceparent: number;
    request_id: number;
    server_timing: number /** Responses with at least one of them. */;
    any?: number;
  };
  retry_after: { with: number; without: number };
  per_endpoint: Record<string, EdgeEndpointStat>;
  /** Results of `probe` when the run also probed (edge.probe paths). */
  probe?: unknown[];
}

export interface WebEvidence {
  /** Under overload: fast rejections (429/503, with Retry-After) vs timeouts and resets. */
  backpressure?: { rejections: number; rejections_with_retry_after: number; timeouts_resets: number };
  session_cookie?: string;
}

export interface Evidence {
  db?: DbEvidence;
  cache?: CacheEvidence;
  queues?: QueueEvidence;
  edge?: EdgeEvidence;
  web?: WebEvidence;
}
