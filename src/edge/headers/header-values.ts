/** Response headers as undici and node:http give them: lowercase names, repeated headers as arrays. */
export type ResponseHeaders = Record<string, string | string[] | undefined>;

/** One header as a single string (repeated values joined the way HTTP folds them), or undefined. */
export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
  const v = headers[name];
  if (v === undefined) return undefined;
  return typeof v === 'string' ? v : v.join(', ');
}

/** Each value of a header that may repeat (Set-Cookie), as a list. */
export function headerValues(headers: ResponseHeaders, name: string): readonly string[] {
  const v = headers[name];
  if (v === undefined) return EMPTY;
  return typeof v === 'string' ? [v] : v;
}

const EMPTY: readonly string[] = Object.freeze([]);

/** Splits a comma-separated header into trimmed, non-empty members, keeping quoted commas inside members. */
export function splitList(raw: string): string[] {
  const out: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === 0x22 /* " */) quoted = !quoted;
    else if (c === 0x5c /* \ */ && quoted) i++;
    else if (c === 0x2c /* , */ && !quoted) {
      pushTrimmed(out, raw.slice(start, i));
      start = i + 1;
    }
  }
  pushTrimmed(out, raw.slice(start));
  return out;
}

function pushTrimmed(out: string[], part: string): void {
  const t = part.trim();
  if (t) out.push(t);
}
