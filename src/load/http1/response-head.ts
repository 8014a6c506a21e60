/**
 * A response head — status line and header fields — read from its latin1 text in one pass: the framing headers
 * decide how the body is delimited, the recorded headers become strings, every other header is only validated
 * (tchar names, CRLF line ends) and skipped without allocating. Strict where llhttp is strict. Pure.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { RECORDED_HEADERS } from './recorded-headers.js';

export interface ResponseHead {
  status: number;
  /** The connection carries no further response. */
  close: boolean;
  /** Recorded headers: lowercase names, set-cookie a list, other repeats joined with ", ". */
  headers: IncomingHttpHeaders;
  /** -1 when absent. */
  contentLength: number;
  chunked: boolean;
  /** Transfer-Encoding without chunked last: the body ends with the connection. */
  untilClose: boolean;
  /** `Keep-Alive: timeout=N`, in ms. */
  keepAliveMs?: number;
}

enum Kind {
  Recorded = 1,
  ContentLength,
  TransferEncoding,
  Connection,
  KeepAlive,
}

/** RFC 9110 tchar. */
const TOKEN = new Uint8Array(128);
for (const c of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") {
  TOKEN[c.charCodeAt(0)] = 1;
}

/** Case-insensitive name hash (computed while a name is validated), confirmed by a compare. */
function hashName(name: string): number {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + (name.charCodeAt(i) | 0x20)) | 0;
  return h;
}

const KNOWN = new Map<number, { name: string; kind: Kind }>();
for (const name of RECORDED_HEADERS) KNOWN.set(hashName(name), { name, kind: Kind.Recorded });
for (const [name, kind] of [
  ['content-length', Kind.ContentLength],
  ['transfer-encoding', Kind.TransferEncoding],
  ['connection', Kind.Connection],
  ['keep-alive', Kind.KeepAlive],
] as const) {
  KNOWN.set(hashName(name), { name, kind });
}

const EMPTY_HEADERS: IncomingHttpHeaders = Object.freeze({}) as IncomingHttpHeaders;
const CR = 13;
const SP = 32;
const HT = 9;

/**
 * `text`: the head up to and including the CRLF that ends its last line (the blank line excluded).
 * `keepHeaders`: more names (lowercase) to record. Returns the head, or the reason it is malformed.
 */
export function parseResponseHead(text: string, keepHeaders?: readonly string[]): ResponseHead | string {
  const lf = text.indexOf('\n');
  const status = statusOf(text, lf);
  if (typeof status === 'string') return status;
  const http10 = text.charCodeAt(7) === 48;
  const head: ResponseHead = {
    status,
    close: http10,
    headers: EMPTY_HEADERS,
    contentLength: -1,
    chunked: false,
    untilClose: false,
  };
  let transferEncoding: string | undefined;
  let keepAlive = false;
  for (let pos = lf + 1; pos < text.length; ) {
    const nl = text.indexOf('\n', pos);
    if (text.charCodeAt(nl - 1) !== CR) return 'LF without CR in a header';
    if (text.indexOf('\r', pos) !== nl - 1) return 'CR without LF in a header';
    let h = 0;
    let colon = pos;
    for (; colon < nl; colon++) {
      const c = text.charCodeAt(colon);
      if (c === 58) break;
      if (c > 127 || TOKEN[c] === 0) return 'invalid character in a header name';
      h = (Math.imul(h, 31) + (c | 0x20)) | 0;
    }
    if (colon === pos || colon === nl) return 'a header line without a name or colon';
    let known = KNOWN.get(h);
    if (known && !sameToken(text, pos, colon, known.name)) known = undefined;
    const name = known ? known.name : extraHeader(text, pos, colon, keepHeaders);
    if (name !== undefined) {
      let vs = colon + 1;
      let ve = nl - 1;
      while (vs < ve && isSpace(text.charCodeAt(vs))) vs++;
      while (ve > vs && isSpace(text.charCodeAt(ve - 1))) ve--;
      const kind = known ? known.kind : Kind.Recorded;
      const err = readField(head, kind, text, vs, ve);
      if (err) return err;
      if (kind === Kind.Recorded || keepHeaders?.includes(name)) record(head, name, text.slice(vs, ve));
      if (kind === Kind.TransferEncoding) transferEncoding = joined(transferEncoding, text.slice(vs, ve));
      if (kind === Kind.Connection && connectionTokens(text, vs, ve) & KEEP_ALIVE) keepAlive = true;
    }
    pos = nl + 1;
  }
  if (http10 && keepAlive) head.close = false;
  if (transferEncoding !== undefined) {
    if (head.contentLength >= 0) return 'both Content-Length and Transfer-Encoding';
    head.chunked = lastCoding(transferEncoding) === 'chunked';
    head.untilClose = !head.chunked;
  }
  return head;
}

/** `HTTP/1.x SSS[ reason]` ending at `lf`: the status code, or the reason it is malformed. */
function statusOf(text: string, lf: number): number | string {
  if (lf < 0 || text.charCodeAt(lf - 1) !== CR) return 'LF without CR after the status line';
  const end = lf - 1;
  if (end < 12) return 'status line too short';
  if (!text.startsWith('HTTP/1.')) return 'expected HTTP/1.x';
  const minor = text.charCodeAt(7);
  if (minor !== 48 && minor !== 49) return 'unsupported HTTP version';
  if (text.charCodeAt(8) !== SP) return 'expected a space after the version';
  let code = 0;
  for (let i = 9; i < 12; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return 'invalid status code';
    code = code * 10 + d;
  }
  if (end > 12 && text.charCodeAt(12) !== SP) return 'invalid status code';
  if (text.indexOf('\r') !== end) return 'CR in the reason phrase';
  return code;
}

/** The framing fields; returns the reason a value is malformed. */
function readField(head: ResponseHead, kind: Kind, text: string, vs: number, ve: number): string | null {
  if (kind === Kind.ContentLength) {
    if (head.contentLength >= 0) return 'duplicate Content-Length';
    if (vs === ve) return 'empty Content-Length';
    if (ve - vs > 15) return 'Content-Length overflow';
    let n = 0;
    for (let i = vs; i < ve; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return 'invalid Content-Length';
      n = n * 10 + d;
    }
    head.contentLength = n;
  } else if (kind === Kind.Connection) {
    if (connectionTokens(text, vs, ve) & CLOSE) head.close = true;
  } else if (kind === Kind.KeepAlive) {
    const m = /(?:^|[\s,;])timeout\s*=\s*(\d+)/i.exec(text.slice(vs, ve));
    if (m) head.keepAliveMs = Number(m[1]) * 1000;
  }
  return null;
}

const isSpace = (c: number): boolean => c === SP || c === HT;

/** `text[start, end)` equals the lowercase `token`, ignoring ASCII case. */
function sameToken(text: string, start: number, end: number, token: string): boolean {
  if (end - start !== token.length) return false;
  for (let i = 0; i < token.length; i++) if ((text.charCodeAt(start + i) | 0x20) !== token.charCodeAt(i)) return false;
  return true;
}

/** A header name not among the known ones, when the request asked for it (flows' extract rules). */
function extraHeader(text: string, start: number, end: number, keep?: readonly string[]): string | undefined {
  if (!keep?.length) return undefined;
  const name = text.slice(start, end).toLowerCase();
  return keep.includes(name) ? name : undefined;
}

const CLOSE = 1;
const KEEP_ALIVE = 2;

/** The Connection value as flags; the usual single token is compared in place. */
function connectionTokens(text: string, vs: number, ve: number): number {
  if (sameToken(text, vs, ve, 'keep-alive')) return KEEP_ALIVE;
  if (sameToken(text, vs, ve, 'close')) return CLOSE;
  let flags = 0;
  for (const t of text.slice(vs, ve).split(',')) {
    const token = t.trim().toLowerCase();
    if (token === 'close') flags |= CLOSE;
    else if (token === 'keep-alive') flags |= KEEP_ALIVE;
  }
  return flags;
}

function record(head: ResponseHead, name: string, value: string): void {
  if (head.headers === EMPTY_HEADERS) head.headers = {};
  const headers = head.headers as Record<string, string | string[] | undefined>;
  const prev = headers[name];
  if (name === 'set-cookie') {
    if (prev === undefined) headers[name] = [value];
    else (prev as string[]).push(value);
  } else headers[name] = prev === undefined ? value : `${prev}, ${value}`;
}

const joined = (a: string | undefined, b: string): string => (a === undefined ? b : `${a}, ${b}`);

function lastCoding(list: string): string {
  const codings = list.split(',');
  return codings[codings.length - 1]!.trim().toLowerCase();
}
