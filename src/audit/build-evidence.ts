/**
 * AuditEvidence: everything the checklist rules judge, in one plain object built from a RunResult — the run's
 * own facts (plan, summary, endpoints, timeline, generator health, drill) beside what the sources and the edge
 * observed (`result.evidence`). Pure. A missing key still means "not measured".
 */
import type { RunResult } from '../result/run-result.js';
import type { SessionScan } from '../result/evidence.js';
import type { ProbeResult } from '../edge/probe/probe-result.js';
import { judgedFigures } from './window.js';
import type {
  AuditEvidence,
  Backpressure,
  EndpointFacts,
  JudgedFigures,
  RunFacts,
  SessionCookie,
} from '../../checks/audit-evidence.js';
import { isSessionCookie } from '../edge/headers/cookies.js';

export type { AuditEvidence, Backpressure, EndpointFacts, JudgedFigures, ProbeResult, RunFacts };

export interface EvidenceOptions {
  /** `slo.over` in ms: judge the SLO rules over this trailing window. */
  over_ms?: number;
}

export function buildEvidence(result: RunResult, options: EvidenceOptions = {}): AuditEvidence {
  const e = result.evidence ?? {};
  const evidence: AuditEvidence = {
    run: runFacts(result, options),
    probes: (e.edge?.probe ?? []).filter(isProbeResult),
    web: {
      ...optional('session_cookie', sessionCookieOf(result)),
      ...optional('backpressure', backpressureOf(result)),
    },
  };
  if (result.drill) evidence.drill = result.drill;
  if (e.db) evidence.db = e.db;
  if (e.cache) evidence.cache = e.cache;
  if (e.queues) evidence.queues = e.queues;
  if (e.edge) evidence.edge = e.edge;
  return evidence;
}

function runFacts(result: RunResult, options: EvidenceOptions): RunFacts {
  const endpoints: Record<string, EndpointFacts> = {};
  const offered = acceptEncodings(result);
  for (const [name, ep] of Object.entries(result.endpoints)) {
    const accept = offered.get(name);
    endpoints[name] = {
      name,
      method: ep.method,
      path: ep.path,
      weight: ep.weight,
      summary: ep.summary,
      ...(accept ? { accept_encoding: accept } : {}),
      ...(ep.app ? { app: ep.app } : {}),
    };
  }
  return {
    model: result.plan.model,
    target: result.plan.target,
    tls: /^https:/i.test(result.plan.target),
    partial: result.partial,
    ...(result.stop_reason !== undefined ? { stop_reason: result.stop_reason } : {}),
    duration_s: result.duration_s,
    summary: result.summary,
    judged: judgedFigures(result, options.over_ms),
    endpoints,
    timeline: result.timeline,
    generator: result.generator,
    ...(result.profile ? { profile: result.profile } : {}),
    app_token: result.config.app !== undefined || result.summary.app !== undefined,
  };
}

/**
 * Accept-Encoding per endpoint name: what the run's requests carried (plan.endpoints[].accept_encoding, which
 * includes the default the tool offers). Runs stored before the plan recorded it: from the stored config, the
 * endpoint's own headers over the run-wide ones (plan.endpoints follows config.endpoints in order).
 */
function acceptEncodings(result: RunResult): Map<string, string> {
  const out = new Map<string, string>();
  const config = result.config;
  const find = (headers: unknown): string | undefined => {
    if (!headers || typeof headers !== 'object') return undefined;
    const hit = Object.entries(headers as Record<string, unknown>).find(
      ([k, v]) => k.toLowerCase() === 'accept-encoding' && typeof v === 'string',
    );
    return hit?.[1] as string | undefined;
  };
  const common = find(config.headers);
  const configured = Array.isArray(config.endpoints) ? (config.endpoints as unknown[]) : [];
  result.plan.endpoints.forEach((ep, i) => {
    const own = find((configured[i] as { headers?: unknown } | undefined)?.headers);
    const value = ep.accept_encoding ?? own ?? common;
    if (value) out.set(ep.name, value);
  });
  return out;
}

/** Prefer what the web evidence reports; otherwise read overload from the run itself when it showed any. */
function backpressureOf(result: RunResult): Backpressure | undefined {
  const reported = result.evidence?.web?.backpressure;
  if (reported) return { ...reported, from: 'sources' };
  const s = result.summary;
  const rejections = (s.status_codes['429'] ?? 0) + (s.status_codes['503'] ?? 0);
  const timeoutsResets =
    (s.errors_by_class.timeout ?? 0) + (s.errors_by_class.reset ?? 0) + (s.errors_by_class.refused ?? 0);
  if (rejections === 0 && timeoutsResets === 0) return undefined;
  const retryAfter = result.evidence?.edge?.retry_after;
  return {
    rejections,
    ...(retryAfter ? { rejections_with_retry_after: Math.min(retryAfter.with, rejections) } : {}),
    timeouts_resets: timeoutsResets,
    from: 'run',
  };
}

/**
 * The session cookie the app issued: named by the web evidence, or read from the Set-Cookie names the edge
 * recorder counted (Django's `sessionid` and other frameworks' names), with whether Redis was scanned for it.
 */
function sessionCookieOf(result: RunResult): SessionCookie | undefined {
  const e = result.evidence ?? {};
  const seen = (e.edge?.cookies ?? []).filter((c) => c.count > 0 && isSessionCookie(c.name));
  const top = seen.sort((a, b) => b.count - a.count)[0];
  const name = e.web?.session_cookie ?? top?.name;
  if (!name) return undefined;
  const redis = Object.values(result.sources ?? {}).filter((s) => s.kind === 'redis');
  const responses = top?.name === name ? top.count : undefined;
  const scans = redis.map((s) => s.deltas.sessions).filter(isSessionScan);
  const scan = scans.find((s) => (s.found ?? 0) > 0) ?? scans[0];
  return {
    name,
    ...(responses !== undefined ? { responses } : {}),
    ...(redis.length ? { redis: { scanned: scans.length > 0, ...(scan ? { scan } : {}) } } : {}),
  };
}

const isSessionScan = (v: unknown): v is SessionScan =>
  typeof v === 'object' && v !== null && typeof (v as { pattern?: unknown }).pattern === 'string';

/** Probe results travel as unknown[] in run.json: keep the ones shaped like `probe --json` objects. */
function isProbeResult(p: unknown): p is ProbeResult {
  if (typeof p !== 'object' || p === null) return false;
  const r = p as Record<string, unknown>;
  const isObject = (v: unknown): boolean => typeof v === 'object' && v !== null;
  return (
    typeof r.url === 'string' &&
    isObject(r.cache_control) &&
    isObject(r.validators) &&
    isObject(r.compression) &&
    Array.isArray(r.findings) &&
    Array.isArray(r.cookies)
  );
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]: V });
}
