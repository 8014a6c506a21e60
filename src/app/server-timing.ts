/**
 * Server-Timing header values (W3C Server Timing; RFC 9110 tokens and quoted-strings) as metrics with their
 * parameters. Hand-written: the grammar is three rules, and no kept npm package parses it (they emit it).
 * Malformed parts are skipped, never thrown: a response header is the target's, not ours to trust.
 */
export interface ServerTimingMetric {
  name: string;
  params: Record<string, string>;
}

const TOKEN = /[!#$%&'*+\-.^_`|~0-9A-Za-z]+/y;
const SPACE = /[ \t]*/y;

class Cursor {
  at = 0;
  constructor(readonly text: string) {}

  skipSpace(): void {
    SPACE.lastIndex = this.at;
    SPACE.exec(this.text);
    this.at = SPACE.lastIndex;
  }

  token(): string | undefined {
    TOKEN.lastIndex = this.at;
    const m = TOKEN.exec(this.text);
    if (!m) return undefined;
    this.at = TOKEN.lastIndex;
    return m[0];
  }

  quoted(): string | undefined {
    if (this.text[this.at] !== '"') return undefined;
    let out = '';
    for (let i = this.at + 1; i < this.text.length; i++) {
      const c = this.text[i]!;
      if (c === '"') {
        this.at = i + 1;
        return out;
      }
      if (c === '\\' && i + 1 < this.text.length) out += this.text[++i];
      else out += c;
    }
    return undefined;
  }

  eat(char: string): boolean {
    this.skipSpace();
    if (this.text[this.at] !== char) return false;
    this.at++;
    this.skipSpace();
    return true;
  }

  /** Past the next comma outside a quoted-string (or to the end): where the next metric starts. */
  skipMetric(): void {
    let quoted = false;
    for (; this.at < this.text.length; this.at++) {
      const c = this.text[this.at];
      if (quoted && c === '\\') this.at++;
      else if (c === '"') quoted = !quoted;
      else if (c === ',' && !quoted) break;
    }
  }
}

function readParams(cur: Cursor): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  while (cur.eat(';')) {
    const name = cur.token()?.toLowerCase();
    if (!name) return undefined;
    if (!cur.eat('=')) {
      params[name] = '';
      continue;
    }
    const value = cur.quoted() ?? cur.token();
    if (value === undefined) return undefined;
    if (!(name in params)) params[name] = value;
  }
  return params;
}

export function parseServerTiming(value: string): ServerTimingMetric[] {
  const cur = new Cursor(value);
  const out: ServerTimingMetric[] = [];
  while (cur.at < value.length) {
    cur.skipSpace();
    const name = cur.token();
    const params = name ? readParams(cur) : undefined;
    cur.skipSpace();
    if (name && params && (cur.at >= value.length || value[cur.at] === ',')) out.push({ name, params });
    cur.skipMetric();
    cur.at++;
  }
  return out;
}
