/**
 * Secrets never leave the process: DSN passwords, credential headers and tokens in query strings are
 * replaced before anything is printed or written. Free text (driver error messages, command output) is scrubbed
 * where a value sits as a credential — URL userinfo, a password/token field, a credential header, a secret query
 * parameter, a command-line flag's value — and every secret seen in the config is remembered for that. A
 * remembered secret that looks generated (a digit, a symbol, or 16+ characters) is masked wherever it appears; one
 * that is an ordinary word ("pgbouncer") only in those credential positions, so "pgbouncer in front of Postgres"
 * stays readable.
 */
const MASK = '***';
const HEADER_NAMES = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-api-key',
  'api-key',
  'x-auth-token',
  'x-csrftoken',
  'x-access-token',
  'x-scale-audit-token',
].join('|');
const QUERY_NAMES = [
  'token',
  'access_token',
  'api_key',
  'apikey',
  'key',
  'secret',
  'password',
  'passwd',
  'pwd',
  'auth',
  'signature',
  'sig',
  'session',
  'sessionid',
].join('|');
const SECRET_HEADERS = new RegExp(`^(${HEADER_NAMES})$`, 'i');
const SECRET_QUERY = new RegExp(`^(${QUERY_NAMES})$`, 'i');

const known = new Set<string>();

export function rememberSecret(secret: string | undefined): void {
  if (secret && secret.length >= 3 && secret !== MASK) known.add(secret);
}

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.test(name);
}

/** A URL or DSN with its password (and secret query values) masked. Unparseable input is scrubbed as text. */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return redactText(raw);
  }
  if (url.password) {
    rememberSecret(decodeURIComponent(url.password));
    url.password = MASK;
  }
  for (const [name, value] of url.searchParams) {
    if (SECRET_QUERY.test(name) && value) {
      rememberSecret(value);
      url.searchParams.set(name, MASK);
    }
  }
  return url.toString().replace(/%2A%2A%2A/g, MASK);
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (isSecretHeader(name)) {
      rememberSecret(value);
      rememberSecret(value.replace(/^(Bearer|Basic|Token)\s+/i, ''));
      out[name] = MASK;
    } else out[name] = value;
  }
  return out;
}

const FIELD_NAME = /[\w-]*(?:password|passwd|pwd|secret|token|auth|api[_-]?key)/.source;
const CREDENTIAL_FIELD = new RegExp(`\\b(${FIELD_NAME})(["']?\\s*[=:]\\s*["']?)([^\\s"'&,;]+)`, 'gi');
const CREDENTIAL_HEADER = new RegExp(`\\b(${HEADER_NAMES})(["']?\\s*:\\s*["']?)([^\\r\\n"']+)`, 'gi');
const SCHEME_TOKEN = /\b(Bearer|Basic)\s+[\w.~+/=-]+/g;
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)([^@\s/]+)@/gi;
const QUERY_SECRET = new RegExp(`([?&](?:${QUERY_NAMES})=)([^&\\s#]+)`, 'gi');

/** A secret that is an ordinary word is masked only where it sits as a credential, never as prose. */
function isOrdinaryWord(secret: string): boolean {
  return /^[a-z]+$/i.test(secret) && secret.length < 16;
}

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Masks credentials in free text: URL passwords, password/token fields, credential headers, remembered secrets. */
export function redactText(text: string): string {
  let out = text.replace(URL_USERINFO, `$1${MASK}@`);
  out = out.replace(CREDENTIAL_HEADER, `$1$2${MASK}`);
  out = out.replace(SCHEME_TOKEN, `$1 ${MASK}`);
  out = out.replace(CREDENTIAL_FIELD, (match, name: string, sep: string, value: string) =>
    value === MASK ? match : `${name}${sep}${MASK}`,
  );
  out = out.replace(QUERY_SECRET, `$1${MASK}`);
  for (const secret of known) {
    if (!isOrdinaryWord(secret)) out = out.split(secret).join(MASK);
    else out = out.replace(flagValue(secret), `$1${MASK}`);
  }
  return out;
}

/** `-a word`, `--password word`, `--auth=word`, `AUTH word`: a command line's credential argument. */
function flagValue(secret: string): RegExp {
  return new RegExp(`((?:^|\\s)-{1,2}[\\w-]+(?:=|\\s+)["']?|\\bAUTH\\s+)${escapeRegExp(secret)}(?![\\w-])`, 'g');
}

/** Deep-redacts a JSON-like value: URL-looking strings, secret headers, then remembered secrets. */
export function redactDeep<T>(value: T): T {
  return walk(value) as T;
}

function walk(value: unknown, key?: string): unknown {
  if (typeof value === 'string') {
    if (key && isSecretHeader(key)) return MASK;
    return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? redactText(redactUrl(value)) : redactText(value);
  }
  if (Array.isArray(value)) return value.map((v) => walk(v));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, k);
    return out;
  }
  return value;
}
