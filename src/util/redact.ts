/**
 * Secrets never leave the process: DSN passwords, credential headers and tokens in query strings are
 * replaced before anything is printed or written. Every secret seen in the config is also remembered so
 * free text (driver error messages, command output) can be scrubbed.
 */
const MASK = '***';
const SECRET_HEADERS =
  /^(authorization|proxy-authorization|cookie|set-cookie|x-api-key|api-key|x-auth-token|x-csrftoken|x-access-token)$/i;
const SECRET_QUERY =
  /^(token|access_token|api_key|apikey|key|secret|password|passwd|pwd|auth|signature|sig|session|sessionid)$/i;

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

/** Masks every remembered secret and any password-looking DSN fragment in free text. */
export function redactText(text: string): string {
  let out = text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)([^@\s/]+)@/gi, `$1${MASK}@`);
  out = out.replace(/\b(password|passwd|pwd)=([^\s&]+)/gi, `$1=${MASK}`);
  for (const secret of known) out = out.split(secret).join(MASK);
  return out;
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
