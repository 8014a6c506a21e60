/**
 * What a rule reads: AuditEvidence (the run's own facts beside what the sources and the edge observed) and the
 * figures the SLO rules judge. Built by src/audit/build-evidence.ts; a missing key means "not measured".
 */
import type {
  AppFigures,
  DrillResult,
  GeneratorHealth,
  LatencySummary,
  Summary,
  TimelineRow,
} from '../src/result/run-result.js';
import type { CacheEvidence, DbEvidence, EdgeEvidence, QueueEvidence, SessionScan } from '../src/result/evidence.js';
import type { ProbeResult } from '../src/edge/probe/probe-result.js';

export type { ProbeResult };

export interface JudgedFigures {
  /** 'run': the whole measured run; 'window': the trailing window of `slo.over`. */
  scope: 'run' | 'window';
  /** Seconds judged. */
  seconds: number;
  /** First timeline second included. */
  from_t: number;
  requests: number;
  errors: number;
  error_rate: number;
  rps: number;
  /** Successful responses per second over the same span: throughput. */
  success_rps: number;
  /** Open model: the rate the schedule asked for over the same span. */
  target_rps?: number;
  dropped: number;
  /** CO-corrected in the open model, service time in the closed model. */
  latency_ms: LatencySummary;
}

export interface EndpointFacts {
  name: string;
  method: string;
  path: string;
  weight: number;
  summary: Summary;
  /** The Accept-Encoding the run sent to this endpoint (from the stored config); absent when none was sent. */
  accept_encoding?: string;
  /** What the app reported of this endpoint's requests (Server-Timing), when the run sent the app token. */
  app?: AppFigures;
}

export interface RunFacts {
  model: 'open' | 'closed';
  target: string;
  /** The target is https:// (protocol negotiation is only measurable there). */
  tls: boolean;
  partial: boolean;
  stop_reason?: string;
  duration_s: number;
  /** The whole measured run. */
  summary: Summary;
  /** What the SLO rules judge: the whole run, or the trailing window of `slo.over`. */
  judged: JudgedFigures;
  endpoints: Record<string, EndpointFacts>;
  timeline: TimelineRow[];
  generator: GeneratorHealth;
  /** Profile phase: each endpoint alone at a low rate. */
  profile?: Record<string, { requests: number; summary: Summary }>;
  /** The run sent the app token (config app.token): the app was asked for its own figures. */
  app_token: boolean;
}

export interface Backpressure {
  /** Fast rejections under overload: 429 and 503. */
  rejections: number;
  /** Of those, how many carried Retry-After (undefined when response headers were not watched). */
  rejections_with_retry_after?: number;
  /** Overload that showed as timeouts, resets or refused connections instead. */
  timeouts_resets: number;
  /** 'sources': reported by the web evidence; 'run': derived from the run's status codes and error classes. */
  from: 'sources' | 'run';
}

export interface AuditEvidence {
  run: RunFacts;
  drill?: DrillResult;
  db?: DbEvidence;
  cache?: CacheEvidence;
  queues?: QueueEvidence;
  edge?: EdgeEvidence;
  /** The probe results of the run (edge.probe paths), when it probed. */
  probes: ProbeResult[];
  web: { session_cookie?: SessionCookie; backpressure?: Backpressure };
}

export interface SessionCookie {
  name: string;
  /** Responses that set it (undefined when only the stored web evidence named it). */
  responses?: number;
  /**
   * Redis sources were watched, and whether one of them scanned for session keys (on by default; sources.sessions:
   * false turns it off); `scan`: what it covered, at the Redis that found keys (else the first scanned).
   */
  redis?: { scanned: boolean; scan?: SessionScan };
}
