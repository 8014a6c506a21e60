/**
 * One virtual user's cookies, kept as a browser keeps them (RFC 6265): tough-cookie parses and stores every
 * Set-Cookie (domain and path rules, public suffixes, Secure, expiry, Max-Age=0 deletion); the Cookie header of a
 * request is then matched here over the user's few stored cookies with tough-cookie's own domainMatch, pathMatch
 * and ordering, which is several times cheaper per request than asking the jar.
 */
import {
  type Cookie,
  CookieJar as ToughJar,
  cookieCompare,
  domainMatch,
  MemoryCookieStore,
  pathMatch,
} from 'tough-cookie';

/** A malformed or foreign-domain Set-Cookie is ignored, as a browser ignores it, instead of failing the step. */
const IGNORE = { ignoreError: true } as const;
/** Browsers send Secure cookies to loopback over plain http too (a "potentially trustworthy" origin). */
const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/;

/** Where a request goes, as cookies see it (what tough-cookie reads of a URL), without parsing a URL per request. */
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

const NOTHING: ReadonlyMap<string, string> = new Map();

export class CookieJar {
  private readonly memory = new MemoryCookieStore();
  private readonly jar = new ToughJar(this.memory, { looseMode: true });
  /** The stored cookies, read again after a response changed them. */
  private cookies: Stored[] = [];
  private stale = false;

  /**
   * Stores the response's Set-Cookie values of `url`; returns what it stored, name → value ('' when the cookie was
   * deleted by Max-Age=0 or a past expiry).
   */
  store(target: CookieTarget, setCookies: readonly string[] | undefined): ReadonlyMap<string, string> {
    if (!setCookies?.length) return NOTHING;
    const stored = new Map<string, string>();
    const now = Date.now();
    // tough-cookie reads only protocol, hostname and pathname of the URL it is given (getCookieContext).
    const url = target as unknown as URL;
    for (const raw of setCookies) {
      const cookie = this.jar.setCookieSync(raw, url, IGNORE);
      if (cookie) stored.set(cookie.key, cookie.TTL(now) > 0 ? cookie.value : '');
    }
    if (stored.size) this.stale = true;
    return stored;
  }

  /** The Cookie header for a request to `target`, or undefined when no cookie matches. */
  header(target: CookieTarget): string | undefined {
    let out: string | undefined;
    for (const c of this.matching(target)) out = out === undefined ? c.pair : `${out}; ${c.pair}`;
    return out;
  }

  /** The value of cookie `name` that a request to `target` would send. */
  get(name: string, target: CookieTarget): string | undefined {
    return this.matching(target).find((c) => c.key === name)?.value;
  }

  /** Names of the cookies a request to `target` would send. */
  names(target: CookieTarget): string[] {
    return this.matching(target).map((c) => c.key);
  }

  private matching(target: CookieTarget): Stored[] {
    const all = this.all();
    if (!all.length) return all;
    const host = target.hostname;
    const secure = target.protocol === 'https:' || LOOPBACK.test(host);
    const now = Date.now();
    return all.filter(
      (c) =>
        (c.hostOnly ? c.domain === host : domainMatch(host, c.domain, false) === true) &&
        pathMatch(target.pathname, c.path) &&
        (!c.secure || secure) &&
        c.expires > now,
    );
  }

  /** The stored cookies in the order a browser sends them (longest path first, then oldest), read after a change. */
  private all(): Stored[] {
    if (this.stale) {
      this.stale = false;
      this.memory.getAllCookies((_err, cookies) => {
        this.cookies = (cookies ?? []).sort(cookieCompare).map(stored);
      });
    }
    return this.cookies;
  }
}

/** What matching a request needs of a stored cookie, read once per change instead of once per request. */
interface Stored {
  key: string;
  value: string;
  /** "key=value" as sent. */
  pair: string;
  domain: string;
  hostOnly: boolean;
  path: string;
  secure: boolean;
  /** Epoch ms; Infinity for a session cookie. */
  expires: number;
}

function stored(c: Cookie): Stored {
  return {
    key: c.key,
    value: c.value,
    pair: c.key ? `${c.key}=${c.value}` : c.value,
    domain: c.domain ?? '',
    hostOnly: c.hostOnly === true,
    path: c.path ?? '/',
    secure: c.secure,
    expires: c.expiryTime() ?? Number.POSITIVE_INFINITY,
  };
}
