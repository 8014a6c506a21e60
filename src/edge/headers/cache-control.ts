/** Cache-Control (RFC 9111 §5.2) as a cache would read it. */
import { splitList } from './header-values.js';

export interface CacheControl {
  /** Directive names, lowercase, in order of appearance. */
  directives: string[];
  public: boolean;
  private: boolean;
  no_store: boolean;
  no_cache: boolean;
  immutable: boolean;
  must_revalidate: boolean;
  max_age: number | null;
  s_maxage: number | null;
  stale_while_revalidate: number | null;
}

export function parseCacheControl(raw: string): CacheControl {
  const cc: CacheControl = {
    directives: [],
    public: false,
    private: false,
    no_store: false,
    no_cache: false,
    immutable: false,
    must_revalidate: false,
    max_age: null,
    s_maxage: null,
    stale_while_revalidate: null,
  };
  for (const member of splitList(raw)) {
    const eq = member.indexOf('=');
    const name = (eq < 0 ? member : member.slice(0, eq)).trim().toLowerCase();
    if (!name) continue;
    const value = eq < 0 ? undefined : unquote(member.slice(eq + 1).trim());
    cc.directives.push(name);
    applyDirective(cc, name, value);
  }
  return cc;
}

function applyDirective(cc: CacheControl, name: string, value: string | undefined): void {
  switch (name) {
    case 'public':
      cc.public = true;
      break;
    case 'private':
      cc.private = true;
      break;
    case 'no-store':
      cc.no_store = true;
      break;
    case 'no-cache':
      cc.no_cache = true;
      break;
    case 'immutable':
      cc.immutable = true;
      break;
    case 'must-revalidate':
    case 'proxy-revalidate':
      cc.must_revalidate = true;
      break;
    // A repeated delta is a conflict (RFC 9111 §4.2.1): keep the shorter, the safe reading.
    case 'max-age':
      cc.max_age = smaller(cc.max_age, deltaSeconds(value));
      break;
    case 's-maxage':
      cc.s_maxage = smaller(cc.s_maxage, deltaSeconds(value));
      break;
    case 'stale-while-revalidate':
      cc.stale_while_revalidate = deltaSeconds(value);
      break;
  }
}

/** delta-seconds; a malformed value reads as 0 (stale), as RFC 9111 asks. */
function deltaSeconds(value: string | undefined): number {
  if (value === undefined || !/^\d+$/.test(value)) return 0;
  return Math.min(Number(value), 2 ** 31);
}

function smaller(prev: number | null, next: number): number {
  return prev === null ? next : Math.min(prev, next);
}

function unquote(v: string): string {
  return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}

/** Seconds a shared cache may serve it without asking the origin (s-maxage wins over max-age). */
export function sharedFreshness(cc: CacheControl): number | null {
  return cc.s_maxage ?? cc.max_age;
}

/** A shared cache (CDN, proxy) may store it: marked public or given a shared lifetime, and not private/no-store. */
export function isPubliclyCacheable(cc: CacheControl): boolean {
  if (cc.no_store || cc.private) return false;
  if (cc.public) return true;
  const ttl = sharedFreshness(cc);
  return ttl !== null && ttl > 0;
}

/** Status codes a cache may store by default (RFC 9110 §15.1, "heuristically cacheable"). */
const CACHEABLE_STATUS = new Set([200, 203, 204, 206, 300, 301, 308, 404, 405, 410, 414, 501]);

export function isCacheableStatus(status: number): boolean {
  return CACHEABLE_STATUS.has(status);
}

/** One day: what a static asset needs at least to count as long-lived. */
export const LONG_LIVED_S = 86_400;

export function isLongLived(cc: CacheControl): boolean {
  const ttl = sharedFreshness(cc);
  return !cc.no_store && (cc.immutable || (ttl !== null && ttl >= LONG_LIVED_S));
}
