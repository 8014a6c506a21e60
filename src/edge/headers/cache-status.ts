/**
 * Whether a response came from a cache, read from the headers CDNs and proxies add: CF-Cache-Status
 * (Cloudflare), X-Cache-Status (nginx $upstream_cache_status), X-Cache (CloudFront, Fastly, Squid, Varnish
 * setups), Cache-Status (RFC 9211), X-Varnish (two ids on a hit), then Age > 0 (RFC 9111: a cache served it).
 */
import { headerValue, splitList, type ResponseHeaders } from './header-values.js';

export interface CacheStatus {
  /** Normalized: HIT MISS EXPIRED STALE UPDATING REVALIDATED BYPASS DYNAMIC PASS ERROR OTHER, or NONE/UNKNOWN. */
  status: string;
  /** The body came from a cache (so the origin did not render it). */
  hit: boolean;
}

/** Status headers in the order they are trusted: the most specific first. */
export const CACHE_STATUS_HEADERS = [
  'cf-cache-status',
  'x-cache-status',
  'x-cache',
  'cache-status',
  'x-varnish',
] as const;
export type CacheStatusHeader = (typeof CACHE_STATUS_HEADERS)[number];

/** Headers that show a cache or proxy is on the path without telling whether it hit. */
export const PROXY_HEADERS = ['via', 'x-served-by', 'x-cache-hits'] as const;

const KNOWN = new Set([
  'HIT',
  'MISS',
  'EXPIRED',
  'STALE',
  'UPDATING',
  'REVALIDATED',
  'BYPASS',
  'DYNAMIC',
  'PASS',
  'ERROR',
]);
/** Served from the cache's copy: stale copies and copies revalidated with a 304 still spared the origin a render. */
const HIT_STATUSES = new Set(['HIT', 'STALE', 'UPDATING', 'REVALIDATED']);

export const NONE: CacheStatus = Object.freeze({ status: 'NONE', hit: false });
const UNKNOWN: CacheStatus = Object.freeze({ status: 'UNKNOWN', hit: false });
const AGE_HIT: CacheStatus = Object.freeze({ status: 'HIT', hit: true });

export type Classify = (header: CacheStatusHeader, value: string) => CacheStatus;

export function cacheStatusOf(headers: ResponseHeaders, classify: Classify = classifyCacheStatus): CacheStatus {
  for (const name of CACHE_STATUS_HEADERS) {
    const value = headerValue(headers, name);
    if (value !== undefined && value !== '') return classify(name, value);
  }
  const age = ageSeconds(headers);
  if (age !== null && age > 0) return AGE_HIT;
  for (const name of PROXY_HEADERS) if (headers[name] !== undefined) return UNKNOWN;
  return NONE;
}

/** Age in whole seconds, or null when absent or malformed. */
export function ageSeconds(headers: ResponseHeaders): number | null {
  const raw = headerValue(headers, 'age');
  if (raw === undefined) return null;
  const n = Number.parseInt(raw, 10);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

export function classifyCacheStatus(header: CacheStatusHeader, value: string): CacheStatus {
  if (header === 'x-varnish') return status(value.trim().includes(' ') ? 'HIT' : 'MISS');
  if (header === 'cache-status') return classifyStructured(value);
  // Layered caches list one status per layer ("MISS, HIT" on Fastly with shielding): any hit spared the origin.
  let first: string | undefined;
  for (const member of splitList(value)) {
    const s = normalizeToken(member);
    if (HIT_STATUSES.has(s)) return status(s);
    first ??= s;
  }
  return status(first ?? 'OTHER');
}

/** RFC 9211: `Cache; hit` or `Cache; fwd=uri-miss`, one member per cache. */
function classifyStructured(value: string): CacheStatus {
  let first: string | undefined;
  for (const member of splitList(value)) {
    const params = member
      .split(';')
      .slice(1)
      .map((p) => p.trim().toLowerCase());
    if (params.includes('hit')) return status('HIT');
    const fwd = params.find((p) => p.startsWith('fwd='))?.slice(4);
    first ??= fwd === 'bypass' ? 'BYPASS' : fwd === 'stale' ? 'EXPIRED' : fwd ? 'MISS' : 'OTHER';
  }
  return status(first ?? 'OTHER');
}

/** "Hit from cloudfront" → HIT, "TCP_MEM_HIT" → HIT, "RefreshHit" / "TCP_REFRESH_HIT" → REVALIDATED. */
export function normalizeToken(member: string): string {
  const space = member.indexOf(' ');
  let t = (space < 0 ? member : member.slice(0, space)).toUpperCase();
  if (t.startsWith('TCP_')) t = t.slice(4);
  if (KNOWN.has(t)) return t;
  if (t.endsWith('HIT')) return t.includes('REFRESH') ? 'REVALIDATED' : 'HIT';
  if (t.endsWith('MISS')) return 'MISS';
  return 'OTHER';
}

function status(s: string): CacheStatus {
  return { status: s, hit: HIT_STATUSES.has(s) };
}
