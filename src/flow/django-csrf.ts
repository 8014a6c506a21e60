/**
 * `csrf: django`: what a browser does for Django's CsrfViewMiddleware. It keeps the `csrftoken` cookie and any
 * `csrfmiddlewaretoken` hidden field, re-read after every response (Django rotates the token at login), and on
 * POST, PUT, PATCH and DELETE sends the newest as X-CSRFToken with an Origin and a Referer of the target (Django
 * checks Origin, and Referer on HTTPS). A 403 carrying Django's "CSRF verification failed" page is class `csrf`,
 * with the reason the page gives.
 */

export const CSRF_COOKIE = 'csrftoken';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** Django's failure page is small; its verdict sits in the first few KB. */
export const CSRF_BODY_BYTES = 64 * 1024;

const HIDDEN_INPUT = /<input\b[^>]*\bname\s*=\s*["']?csrfmiddlewaretoken\b[^>]*>/i;
const VALUE_ATTR = /\bvalue\s*=\s*["']([^"']+)["']/i;
const FAILED = /CSRF verification failed/;
const REASON = /Reason given for failure:\s*(?:<\/p>)?\s*<pre>\s*([\s\S]*?)\s*<\/pre>/i;
/** Without DEBUG Django names no reason, but explains the two commonest ones. */
const HINTS: [RegExp, string][] = [
  [/requires a CSRF cookie/i, 'CSRF cookie not set.'],
  [/requires a .{0,3}Referer header/i, 'Referer checking failed - no Referer.'],
];

export function isUnsafeMethod(method: string): boolean {
  return UNSAFE.has(method);
}

/** The value of the first csrfmiddlewaretoken hidden input of an HTML body. */
export function hiddenCsrfToken(body: string | undefined): string | undefined {
  if (!body) return undefined;
  const input = HIDDEN_INPUT.exec(body);
  return input ? VALUE_ATTR.exec(input[0])?.[1] : undefined;
}

/** Django's reason when a response is its CSRF failure page ("CSRF cookie not set."), else undefined. */
export function djangoCsrfFailure(status: number, body: string | undefined): string | undefined {
  if (status !== 403 || !body || !FAILED.test(body)) return undefined;
  const reason = REASON.exec(body)?.[1];
  if (reason) return unescapeHtml(reason);
  for (const [hint, said] of HINTS) if (hint.test(body)) return said;
  return 'CSRF verification failed';
}

/** One virtual user's CSRF token: the newest seen, from a Set-Cookie csrftoken or a hidden form field. */
export class DjangoCsrfToken {
  private token: string | undefined;

  get value(): string | undefined {
    return this.token;
  }

  /** After a response: `cookie` is the jar's csrftoken when this response set it. */
  observe(cookie: string | undefined, body: string | undefined): void {
    const field = hiddenCsrfToken(body);
    if (field) this.token = field;
    else if (cookie) this.token = cookie;
  }

  /** Headers an unsafe request adds: the token, and the Origin and Referer a browser on the site would send. */
  headers(method: string, origin: string, referer: string | undefined): Record<string, string> {
    if (!isUnsafeMethod(method)) return {};
    const out: Record<string, string> = { origin, referer: referer ?? `${origin}/` };
    if (this.token) out['x-csrftoken'] = this.token;
    return out;
  }
}

function unescapeHtml(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
