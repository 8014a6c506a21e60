/** Set-Cookie (RFC 6265) names and attributes, and the load-balancer affinity ("sticky session") cookies. */

export interface SetCookie {
  name: string;
  affinity: boolean;
  secure: boolean;
  http_only: boolean;
  same_site: string | null;
  path: string | null;
  domain: string | null;
  max_age: number | null;
  expires: string | null;
}

/** Exact names (lowercase) load balancers and ingresses use to pin a client to one backend. */
const AFFINITY_NAMES = new Set([
  'awsalb',
  'awsalbcors',
  'awsalbtg',
  'awsalbtgcors',
  'awselb', // AWS ALB/ELB
  'serverid', // HAProxy
  'route',
  'routeid', // nginx sticky route, Apache mod_proxy_balancer
  'gclb', // Google Cloud load balancer
  'ingresscookie', // ingress-nginx
  'arraffinity',
  'arraffinitysamesite', // Azure App Service
  'heroku-session-affinity', // Heroku
]);
/** Prefixes that name the pool or server: F5 BIG-IP, Citrix NetScaler. */
const AFFINITY_PREFIXES = ['bigipserver', 'nsc_'];

export function isAffinityCookie(name: string): boolean {
  const lower = name.toLowerCase();
  if (AFFINITY_NAMES.has(lower)) return true;
  for (const p of AFFINITY_PREFIXES) if (lower.startsWith(p)) return true;
  return false;
}

/**
 * Names frameworks give their session cookie (lowercase): Django's SESSION_COOKIE_NAME default, Rails, PHP, Java
 * servlets, Express, Laravel, ASP.NET, Flask, CodeIgniter; plus Rails' `_<app>_session` and Drupal's `SESS<hash>`.
 */
const SESSION_NAMES = new Set([
  'sessionid',
  'session',
  'session_id',
  '_session_id',
  'phpsessid',
  'jsessionid',
  'connect.sid',
  'laravel_session',
  'asp.net_sessionid',
  'rack.session',
  'ci_session',
]);
const SESSION_PATTERNS = [/^_[\w-]+_session$/i, /^s?sess[0-9a-f]{32}$/i];

export function isSessionCookie(name: string): boolean {
  return SESSION_NAMES.has(name.toLowerCase()) || SESSION_PATTERNS.some((p) => p.test(name));
}

/** The cookie name only: what the hot path needs. */
export function setCookieName(raw: string): string {
  const end = firstOf(raw, '=', ';');
  return raw.slice(0, end).trim();
}

export function parseSetCookie(raw: string): SetCookie {
  const [pair = '', ...attrs] = raw.split(';');
  const eq = pair.indexOf('=');
  const name = (eq < 0 ? pair : pair.slice(0, eq)).trim();
  const cookie: SetCookie = {
    name,
    affinity: isAffinityCookie(name),
    secure: false,
    http_only: false,
    same_site: null,
    path: null,
    domain: null,
    max_age: null,
    expires: null,
  };
  for (const attr of attrs) applyAttribute(cookie, attr);
  return cookie;
}

function applyAttribute(cookie: SetCookie, attr: string): void {
  const eq = attr.indexOf('=');
  const key = (eq < 0 ? attr : attr.slice(0, eq)).trim().toLowerCase();
  const value = eq < 0 ? '' : attr.slice(eq + 1).trim();
  switch (key) {
    case 'secure':
      cookie.secure = true;
      break;
    case 'httponly':
      cookie.http_only = true;
      break;
    case 'samesite':
      cookie.same_site = value || null;
      break;
    case 'path':
      cookie.path = value || null;
      break;
    case 'domain':
      cookie.domain = value || null;
      break;
    case 'expires':
      cookie.expires = value || null;
      break;
    case 'max-age': {
      const n = Number.parseInt(value, 10);
      cookie.max_age = Number.isFinite(n) ? n : null;
      break;
    }
  }
}

function firstOf(s: string, a: string, b: string): number {
  const i = s.indexOf(a);
  const j = s.indexOf(b);
  if (i < 0) return j < 0 ? s.length : j;
  return j < 0 ? i : Math.min(i, j);
}
