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
/** Secrets taken from the environment, value → variable name: the dry run shows `${NAME}` for them. */
const fromEnv = new Map<string, string>();
/** `${NAME}` stands for a secret without showing it, as the mask does. */
const ENV_REFERENCE = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/;
const isMasked = (value: string): boolean => value === MASK || ENV_REFERENCE.test(value);

export function rememberSecret(secret: string | undefined): void {
  if (secret && secret.length >= 3 && !isMasked(secret)) known.add(secret);
}

/** A secret the config took from environment variable `name`; a URL's credentials are its secrets. */
export function rememberEnvSecret(name: string, value: string): void {
  if (value.length < 3) return;
  fromEnv.set(value, name);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) redactUrl(value);
  else rememberSecret(value);
}

/** Text with every secret taken from the environment written as `${NAME}`, longest first. */
export function withEnvNames(text: string): string {
  const values = [...fromEnv.keys()].sort((a, b) => b.length - a.length);
  return values.reduce((out, value) => out.split(value).join(`\${${fromEnv.get(value)}}`), text);
}

export function isSecretHeader(name: string): boolean {
  return SECRET_HEADERS.test(name);
}

/** A header or field whose value is a credential: `Authorization`, `password`, `api_key`, `token`. */
export function isCredentialKey(name: string): boolean {
  return SECRET_HEADERS.test(name) || CREDENTIAL_KEY.test(name);
}

/** The credential parts of a URL or path: its password and the values of its secret query parameters. */
export function urlCredentials(raw: string): string[] {
  if (!URL.canParse(raw, 'http://x')) return [];
  const url = new URL(raw, 'http://x');
  const query = [...url.searchParams].filter(([name, value]) => SECRET_QUERY.test(name) && value);
  return [...(url.password ? [decodeURIComponent(url.password)] : []), ...query.map(([, value]) => value)];
}

/** A URL or DSN with its password (and secret query values) masked. Unparseable input is scrubbed as text. */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return redactText(raw);
  }
  if (url.password && !isMasked(decodeURIComponent(url.password))) {
    rememberSecret(decodeURIComponent(url.password));
    url.password = MASK;
  }
  for (const [name, value] of url.searchParams) {
    if (SECRET_QUERY.test(name) && value && !isMasked(value)) {
      rememberSecret(value);
      url.searchParams.set(name, MASK);
    }
  }
  return url
    .toString()
    .replace(/%2A%2A%2A/g, MASK)
    .replace(/(?:\$|%24)%7B(\w+)%7D/g, '$${$1}');
}

export function redactHeaders(headers: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (isSecretHeader(name) && !isMasked(value)) {
      rememberSecret(value);
      rememberSecret(value.replace(/^(Bearer|Basic|Token)\s+/i, ''));
      out[name] = MASK;
    } else out[name] = value;
  }
  return out;
}

const FIELD_NAME = /[\w-]*(?:password|passwd|pwd|secret|token|auth|api[_-]?key)/.source;
const CREDENTIAL_KEY = new RegExp(`^${FIELD_NAME}$`, 'i');
const CREDENTIAL_FIELD = new RegExp(`\\b(${FIELD_NAME})(["']?\\s*[=:]\\s*["']?)([^\\s"'&,;]+)`, 'gi');
// A config path (`headers.Authorization: …`) names a header; it is not one.
const CREDENTIAL_HEADER = new RegExp(`(?<!\\.)\\b(${HEADER_NAMES})(["']?\\s*:\\s*["']?)([^\\r\\n"']+)`, 'gi');
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
  let out = text.replace(URL_USERINFO, (match, head: string, secret: string) =>
    isMasked(secret) ? match : `${head}${MASK}@`,
  );
  out = out.replace(CREDENTIAL_HEADER, (match, name: string, sep: string, value: string) =>
    isMasked(value) ? match : `${name}${sep}${MASK}`,
  );
  out = out.replace(SCHEME_TOKEN, `$1 ${MASK}`);
  out = out.replace(CREDENTIAL_FIELD, (match, name: string, sep: string, value: string) =>
    isMasked(value) ? match : `${name}${sep}${MASK}`,
  );
  out = out.replace(QUERY_SECRET, (match, head: string, value: string) => (isMasked(value) ? match : `${head}${MASK}`));
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
    if (key && (isSecretHeader(key) || (isCredentialKey(key) && known.has(value)))) return MASK;
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
