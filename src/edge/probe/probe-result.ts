/** What `probe` reports per URL: the "probe --json" object of docs/architecture.md, plus a few extra fields. */
import type { TracingKind } from '../headers/tracing.js';

export type ProbeStatus = 'pass' | 'warn' | 'fail';

export interface ProbeFinding {
  /** A rule id of the checklist: edge.cache-control, edge.validators, edge.compression, edge.protocol, … */
  id: string;
  status: ProbeStatus;
  message: string;
}

export interface ProbeResult {
  /** Redacted: secrets in the query or userinfo are masked. */
  url: string;
  status: number | null;
  /** ALPN result on https ("h2" or "http/1.1"); "http/1.1" on plain http. */
  protocol: string | null;
  alt_svc_h3: boolean;
  content_type: string | null;
  cache_control: {
    raw: string | null;
    public: boolean;
    max_age: number | null;
    s_maxage: number | null;
    immutable: boolean;
    no_store: boolean;
    private: boolean;
    no_cache: boolean;
  };
  validators: {
    etag: string | null;
    last_modified: string | null;
    /** A conditional re-request got 304; null when there was nothing to revalidate with. */
    revalidates: boolean | null;
    conditional_status: number | null;
  };
  compression: {
    /** The Accept-Encoding the probe sent. */
    offered: string;
    /** Content-Encoding of the answer; null when uncompressed. */
    used: string | null;
    vary_accept_encoding: boolean;
    /** Body bytes on the wire with compression offered, and with identity (capped at the read limit). */
    bytes: number | null;
    identity_bytes: number | null;
    /** A body was cut at the read limit. */
    truncated: boolean;
  };
  cache: {
    /** Cache status of the first response (HIT, MISS, … NONE when no cache header). */
    status: string | null;
    age: number | null;
    /** The repeated request was a cache HIT or showed a growing Age; null when the repeat was not made. */
    hit_on_repeat: boolean | null;
    repeat_status: string | null;
    repeat_age: number | null;
  };
  cookies: { name: string; affinity: boolean }[];
  vary: string[];
  /** Strict-Transport-Security on https, null when absent (or on plain http). */
  hsts: string | null;
  tracing: TracingKind[];
  findings: ProbeFinding[];
  error: string | null;
}

export const OFFERED_ENCODINGS = 'br, gzip';

export function emptyProbeResult(url: string): ProbeResult {
  return {
    url,
    status: null,
    protocol: null,
    alt_svc_h3: false,
    content_type: null,
    cache_control: {
      raw: null,
      public: false,
      max_age: null,
      s_maxage: null,
      immutable: false,
      no_store: false,
      private: false,
      no_cache: false,
    },
    validators: { etag: null, last_modified: null, revalidates: null, conditional_status: null },
    compression: {
      offered: OFFERED_ENCODINGS,
      used: null,
      vary_accept_encoding: false,
      bytes: null,
      identity_bytes: null,
      truncated: false,
    },
    cache: { status: null, age: null, hit_on_repeat: null, repeat_status: null, repeat_age: null },
    cookies: [],
    vary: [],
    hsts: null,
    tracing: [],
    findings: [],
    error: null,
  };
}
