/**
 * One virtual user's cookies, kept as a browser keeps them (RFC 6265 via tough-cookie): Set-Cookie honoured by
 * domain, path, Secure, expiry and Max-Age=0 deletion, and sent back on the requests they match.
 */
import { CookieJar as ToughJar } from 'tough-cookie';

/** A malformed or foreign-domain Set-Cookie is ignored, as a browser ignores it, instead of failing the step. */
const IGNORE = { ignoreError: true } as const;

export class CookieJar {
  private readonly jar = new ToughJar(undefined, { looseMode: true });
  private empty = true;

  /** Stores the response's Set-Cookie values of `url`; returns the names it set (or deleted). */
  store(url: string, setCookies: readonly string[] | undefined): string[] {
    if (!setCookies?.length) return [];
    const names: string[] = [];
    for (const raw of setCookies) {
      const cookie = this.jar.setCookieSync(raw, url, IGNORE);
      if (cookie) names.push(cookie.key);
    }
    if (names.length) this.empty = false;
    return names;
  }

  /** The Cookie header for a request to `url`, or undefined when no cookie matches. */
  header(url: string): string | undefined {
    if (this.empty) return undefined;
    const value = this.jar.getCookieStringSync(url);
    return value === '' ? undefined : value;
  }

  /** The value of cookie `name` that a request to `url` would send. */
  get(name: string, url: string): string | undefined {
    if (this.empty) return undefined;
    return this.jar.getCookiesSync(url).find((c) => c.key === name)?.value;
  }

  /** Names of the cookies a request to `url` would send (for the trace). */
  names(url: string): string[] {
    if (this.empty) return [];
    return this.jar.getCookiesSync(url).map((c) => c.key);
  }
}
