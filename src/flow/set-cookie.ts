/**
 * A Set-Cookie header value read as RFC 6265 §5.2 reads it. The attributes (`; Path=/; SameSite=Lax`) recur across
 * every user and iteration even when the value is fresh each time, so they are parsed once per distinct text by
 * tough-cookie (its cookie-date algorithm, domain canonicalisation and public-suffix list) and kept in a bounded
 * memo shared by the process; the name=value pair in front is split on each call, which costs next to nothing.
 */
import { isIP } from 'node:net';
import { Cookie, canonicalDomain, getPublicSuffix } from 'tough-cookie';
import { Memo } from '../edge/tally.js';

/** What the attributes of a Set-Cookie say, independent of the response it came with. */
export interface CookieAttributes {
  /** The Domain attribute, canonical (lowercase, no leading dot); undefined for a host-only cookie. */
  domain: string | undefined;
  /** False when Domain names a public suffix (`Domain=com`): the cookie is ignored. */
  domainAllowed: boolean;
  /** The Path attribute when it starts with "/", else undefined (the default path applies). */
  path: string | undefined;
  secure: boolean;
  /** Seconds from storing; wins over `expires`. */
  maxAge: number | undefined;
  /** Epoch ms of the Expires attribute. */
  expires: number | undefined;
}

export interface SetCookie {
  name: string;
  value: string;
  attributes: CookieAttributes;
}

/**
 * Distinct attribute texts remembered, the newest kept: Django's `expires=` moves on every second, so each text
 * recurs for a second of responses and then never again.
 */
export const ATTRIBUTE_MEMO_SIZE = 512;
/** Longer attribute texts are parsed each time rather than pinned in the memo. */
const MEMO_TEXT_MAX = 1024;
const CONTROL_CHARS = /[\x00-\x1F]/;
const NONE: CookieAttributes = Object.freeze({
  domain: undefined,
  domainAllowed: true,
  path: undefined,
  secure: false,
  maxAge: undefined,
  expires: undefined,
});

const memo = new Memo(parseAttributes, ATTRIBUTE_MEMO_SIZE, true);

/** Parses one Set-Cookie value (loose mode: `=v` and `v` are nameless cookies); undefined when a browser drops it. */
export function parseSetCookie(raw: string): SetCookie | undefined {
  if (!raw) return undefined;
  const text = raw.trim();
  const semi = text.indexOf(';');
  const pair = splitPair(semi < 0 ? text : text.slice(0, semi));
  if (!pair) return undefined;
  const attributes = semi < 0 ? NONE : attributesOf(text.slice(semi));
  return { name: pair[0], value: pair[1], attributes };
}

/** Entries in the shared memo now (bounded by ATTRIBUTE_MEMO_SIZE). */
export function attributeMemoSize(): number {
  return memo.size;
}

/** tough-cookie's parseCookiePair in loose mode. */
function splitPair(text: string): [string, string] | undefined {
  let pair = cutAtTerminator(text);
  if (pair.startsWith('=')) pair = pair.slice(1);
  const eq = pair.indexOf('=');
  const name = eq <= 0 ? '' : pair.slice(0, eq).trim();
  const value = eq <= 0 ? pair.trim() : pair.slice(eq + 1).trim();
  if (CONTROL_CHARS.test(name) || CONTROL_CHARS.test(value)) return undefined;
  return [name, value];
}

function cutAtTerminator(text: string): string {
  let out = text;
  for (const t of ['\n', '\r', '\0']) {
    const i = out.indexOf(t);
    if (i >= 0) out = out.slice(0, i);
  }
  return out;
}

/** `text` starts at the first ";". */
function attributesOf(text: string): CookieAttributes {
  return text.length <= MEMO_TEXT_MAX ? memo.get(text) : parseAttributes(text);
}

function parseAttributes(text: string): CookieAttributes {
  const c = Cookie.parse(`n=v${text}`, { loose: true });
  if (!c) return NONE;
  const domain = c.domain ? (canonicalDomain(c.domain) ?? undefined) : undefined;
  const expires = c.expires instanceof Date ? c.expires.getTime() : undefined;
  return Object.freeze({
    domain,
    domainAllowed: domain === undefined || isIP(domain) !== 0 || publicSuffixOf(domain) !== undefined,
    path: c.path ?? undefined,
    secure: c.secure,
    maxAge: typeof c.maxAge === 'number' ? c.maxAge : undefined,
    expires,
  });
}

/** The registrable domain (`example.co.uk`), undefined when `domain` is itself a public suffix. */
function publicSuffixOf(domain: string): string | undefined {
  return getPublicSuffix(domain, { allowSpecialUseDomain: true, ignoreError: true }) ?? undefined;
}
