/**
 * One virtual user's cookies, kept as a browser keeps them (RFC 6265 §5.3–5.4): domain and host-only matching, path
 * matching, Secure only over https or loopback, Expires/Max-Age (Max-Age=0 or a past date deletes), a cookie set
 * again under the same name, domain and path replaces the old one. Set-Cookie values are read by `parseSetCookie`
 * (attributes parsed once per process); the user's few cookies sit in one small array in the order a browser sends
 * them, so a request's Cookie header is a scan over strings already built.
 */
import { defaultPath, domainMatch, pathMatch } from 'tough-cookie';
import { parseSetCookie, type SetCookie } from './set-cookie.js';

/** Browsers accept and send Secure cookies over plain http to loopback too (a "potentially trustworthy" origin). */
const LOOPBACK = /^(localhost|.+\.localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/** Where a request goes, as cookies see it, without parsing a URL per request. */
export interface CookieTarget {
  /** "http:" or "https:" */
  protocol: string;
  /** Lowercase. */
  hostname: string;
  /** The path without the query. */
  pathname: string;
}

export function cookieTarget(url: string): CookieTarget {
  const u = new URL(url);
  return { protocol: u.protocol, hostname: u.hostname.toLowerCase(), pathname: u.pathname };
}

/** A stored cookie, with what matching and sending it need already worked out. */
interface Stored {
  name: string;
  value: string;
  /** "name=value" as sent ("value" alone for a nameless cookie). */
  pair: string;
  /** The host (host-only) or the Domain attribute. */
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  /** Epoch ms; Infinity for a session cookie. */
  expires: number;
  /** Order of first storing: a replaced cookie keeps its place. */
  seq: number;
}

const NOTHING: ReadonlyMap<string, string> = new Map();

export class CookieJar {
  /** Longest path first, then oldest: the order of the Cookie header (RFC 6265 §5.4 step 2). */
  private readonly cookies: Stored[] = [];
  private seq = 0;
  /** The earliest expiry among the stored cookies: until then, sending needs no clock. */
  private soonest = Number.POSITIVE_INFINITY;

  /**
   * Stores the response's Set-Cookie values for a request to `target`; returns what it stored, name → value (''
   * when the cookie was deleted by Max-Age=0 or a past expiry). A malformed or foreign-domain Set-Cookie is
   * ignored, as a browser ignores it.
   */
  store(target: CookieTarget, setCookies: readonly string[] | undefined): ReadonlyMap<string, string> {
    if (!setCookies?.length) return NOTHING;
    let stored: Map<string, string> | undefined;
    const now = Date.now();
    for (const raw of setCookies) {
      const parsed = parseSetCookie(raw);
      const cookie = parsed && this.accept(parsed, target, now);
      if (!cookie) continue;
      stored ??= new Map();
      stored.set(cookie.name, cookie.expires > now ? cookie.value : '');
      this.put(cookie, now);
    }
    return stored ?? NOTHING;
  }

  /** The Cookie header for a request to `target`, or undefined when no cookie matches. */
  header(target: CookieTarget): string | undefined {
    if (!this.cookies.length) return undefined;
    this.dropExpired();
    const secure = isSecure(target);
    let out: string | undefined;
    for (const c of this.cookies) if (sends(c, target, secure)) out = out === undefined ? c.pair : `${out}; ${c.pair}`;
    return out;
  }

  /** The value of cookie `name` that a request to `target` would send. */
  get(name: string, target: CookieTarget): string | undefined {
    this.dropExpired();
    const secure = isSecure(target);
    return this.cookies.find((c) => c.name === name && sends(c, target, secure))?.value;
  }

  /** Names of the cookies a request to `target` would send, in sending order. */
  names(target: CookieTarget): string[] {
    this.dropExpired();
    const secure = isSecure(target);
    return this.cookies.filter((c) => sends(c, target, secure)).map((c) => c.name);
  }

  /** RFC 6265 §5.3 steps 4–11 for a request to `target`; undefined when a browser ignores the cookie. */
  private accept({ name, value, attributes: a }: SetCookie, target: CookieTarget, now: number): Stored | undefined {
    const host = target.hostname;
    if (a.domain !== undefined && (!a.domainAllowed || !domainMatch(host, a.domain, false))) return undefined;
    if (a.secure && !isSecure(target)) return undefined;
    const hostOnly = a.domain === undefined;
    const path = a.path ?? defaultPath(target.pathname);
    if (!prefixAllowed(name, a.secure, hostOnly, a.path)) return undefined;
    const expires =
      a.maxAge !== undefined
        ? a.maxAge <= 0
          ? Number.NEGATIVE_INFINITY
          : now + a.maxAge * 1000
        : (a.expires ?? Number.POSITIVE_INFINITY);
    const pair = name ? `${name}=${value}` : value;
    return { name, value, pair, domain: a.domain ?? host, hostOnly, path, secure: a.secure, expires, seq: 0 };
  }

  /** Replaces the cookie of the same name, domain and path (keeping its place), adds it, or deletes it (expired). */
  private put(cookie: Stored, now: number): void {
    const list = this.cookies;
    const i = list.findIndex((c) => c.name === cookie.name && c.domain === cookie.domain && c.path === cookie.path);
    if (cookie.expires <= now) {
      if (i >= 0) list.splice(i, 1);
      return;
    }
    if (cookie.expires < this.soonest) this.soonest = cookie.expires;
    if (i >= 0) {
      cookie.seq = list[i]!.seq;
      list[i] = cookie;
      return;
    }
    cookie.seq = this.seq++;
    // Newest of its path length: after every cookie whose path is at least as long.
    let at = list.length;
    while (at > 0 && list[at - 1]!.path.length < cookie.path.length) at--;
    list.splice(at, 0, cookie);
  }

  private dropExpired(): void {
    if (this.soonest === Number.POSITIVE_INFINITY) return;
    const now = Date.now();
    if (now < this.soonest) return;
    let soonest = Number.POSITIVE_INFINITY;
    for (let i = this.cookies.length - 1; i >= 0; i--) {
      const expires = this.cookies[i]!.expires;
      if (expires <= now) this.cookies.splice(i, 1);
      else if (expires < soonest) soonest = expires;
    }
    this.soonest = soonest;
  }
}

function isSecure(target: CookieTarget): boolean {
  return target.protocol === 'https:' || LOOPBACK.test(target.hostname);
}

/** RFC 6265 §5.4 step 1 (expired cookies are gone already). */
function sends(c: Stored, target: CookieTarget, secure: boolean): boolean {
  const host = target.hostname;
  return (
    (c.hostOnly ? c.domain === host : domainMatch(host, c.domain, false) === true) &&
    pathMatch(target.pathname, c.path) &&
    (secure || !c.secure)
  );
}

/** The cookie name prefixes (RFC 6265bis §4.1.3): __Secure- needs Secure; __Host- also host-only and Path=/. */
function prefixAllowed(name: string, secure: boolean, hostOnly: boolean, path: string | undefined): boolean {
  if (name.startsWith('__Secure-')) return secure;
  if (name.startsWith('__Host-')) return secure && hostOnly && path === '/';
  return true;
}
