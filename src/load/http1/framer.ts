/**
 * An incremental HTTP/1.1 response framer for the load path. It reads the status line, the framing headers and
 * only the headers the tool records, and frames the body by Content-Length, chunked encoding or connection close
 * (RFC 9112 §6.3), counting body bytes without keeping them unless asked. It follows llhttp's strict mode where
 * they differ (duplicate Content-Length, Content-Length with Transfer-Encoding, bare LF: errors). Bytes may be
 * split anywhere; a malformed response is a FramingError, never a throw, a hang or unbounded memory.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { RECORDED_HEADERS } from './recorded-headers.js';

/** What the framer must know about the request a response answers. */
export interface ResponseExpectation {
  /** A response to HEAD has no body whatever its headers say. */
  readonly head: boolean;
  /** Response-body bytes to keep (0: count only). */
  readonly keepBody: number;
  /** More header names (lowercase) to record. */
  readonly keepHeaders?: readonly string[];
}

export interface FramedResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** Body bytes after de-chunking (not decompressed). */
  bytes: number;
  body?: Buffer;
  /** The connection carries no further response (Connection: close, HTTP/1.0, body framed by close). */
  close: boolean;
  /** The server's `Keep-Alive: timeout=N`, in ms, when it sent one. */
  keepAliveMs?: number;
}

export interface FramerEvents {
  /** The oldest request still waiting for its response, or undefined when none is. */
  expectation(): ResponseExpectation | undefined;
  response(r: FramedResponse): void;
}

export class FramingError extends Error {
  readonly code = 'SCALE_AUDIT_BAD_RESPONSE';
  constructor(reason: string) {
    super(`malformed response: ${reason}`);
  }
}

/** The connection ended before the response did (error class reset). */
export class IncompleteResponseError extends Error {
  readonly code = 'SCALE_AUDIT_CLOSED';
  constructor() {
    super('the connection closed before the response was complete');
  }
}

/** llhttp's and Node's default limit (http.maxHeaderSize). */
export const MAX_HEADER_BYTES = 16 * 1024;

const CR = 13;
const LF = 10;
const SP = 32;
const HT = 9;
const CRLFCRLF = Buffer.from('\r\n\r\n');
const EMPTY_HEADERS: IncomingHttpHeaders = Object.freeze({}) as IncomingHttpHeaders;

enum State {
  Head,
  Length,
  Eof,
  ChunkSize,
  ChunkExt,
  ChunkSizeLf,
  ChunkData,
  ChunkDataCr,
  ChunkDataLf,
  TrailerStart,
  TrailerLine,
  TrailerLf,
  TrailerEndLf,
  Dead,
}

/** RFC 9110 tchar. */
const TOKEN = new Uint8Array(256);
for (const c of "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")
  TOKEN[c.charCodeAt(0)] = 1;

/** Case-insensitive name hash, computed while the name's bytes are validated; confirmed by a string compare. */
const hashName = (name: string): number => {
  let h = 0;
  for (let i = 0; i < name.length; i++) h = (Math.imul(h, 31) + (name.charCodeAt(i) | 0x20)) | 0;
  return h;
};

enum Kind {
  Recorded = 1,
  ContentLength,
  TransferEncoding,
  Connection,
  KeepAlive,
}
const FRAMING: readonly [string, Kind][] = [
  ['content-length', Kind.ContentLength],
  ['transfer-encoding', Kind.TransferEncoding],
  ['connection', Kind.Connection],
  ['keep-alive', Kind.KeepAlive],
];
const KNOWN = new Map<number, { name: string; kind: Kind }>();
for (const name of RECORDED_HEADERS) KNOWN.set(hashName(name), { name, kind: Kind.Recorded });
for (const [name, kind] of FRAMING) KNOWN.set(hashName(name), { name, kind });

interface Head {
  status: number;
  close: boolean;
  headers: IncomingHttpHeaders;
  contentLength: number;
  chunked: boolean;
  /** Transfer-Encoding without chunked last: the body ends with the connection. */
  untilClose: boolean;
  keepAliveMs?: number;
}

export class ResponseFramer {
  private state = State.Head;
  /** Head bytes received so far when a head spans reads (copied: the read buffer is reused). */
  private partial: Buffer | null = null;
  private head: Head | null = null;
  private remaining = 0;
  private chunkSize = 0;
  private sizeDigits = 0;
  private bytes = 0;
  private kept: Buffer[] = [];
  private keptBytes = 0;
  private keep = 0;
  private trailerBytes = 0;

  constructor(
    private readonly events: FramerEvents,
    private readonly maxHeaderBytes = MAX_HEADER_BYTES,
  ) {}

  /** Whether a response is partly read (an EOF now would cut it). */
  get busy(): boolean {
    return this.state !== State.Head || this.partial !== null;
  }

  /** Feeds received bytes; returns the error that ended framing, if any. The buffer may be reused afterwards. */
  feed(buf: Buffer): FramingError | null {
    let pos = 0;
    const end = buf.length;
    while (pos < end) {
      switch (this.state) {
        case State.Head: {
          const next = this.readHead(buf, pos);
          if (next < 0) return this.fail(this.headError);
          pos = next;
          break;
        }
        case State.Length: {
          const n = Math.min(this.remaining, end - pos);
          this.body(buf, pos, n);
          pos += n;
          this.remaining -= n;
          if (this.remaining === 0) this.complete();
          break;
        }
        case State.Eof:
          this.body(buf, pos, end - pos);
          pos = end;
          break;
        case State.ChunkData: {
          const n = Math.min(this.remaining, end - pos);
          this.body(buf, pos, n);
          pos += n;
          this.remaining -= n;
          if (this.remaining === 0) this.state = State.ChunkDataCr;
          break;
        }
        case State.Dead:
          return this.headError ?? new FramingError('data after the connection failed');
        default: {
          const err = this.chunkByte(buf[pos]!);
          if (err) return this.fail(err);
          pos++;
        }
      }
    }
    return null;
  }

  /** The connection ended: completes a body framed by close; an error when a response was cut short. */
  end(): IncompleteResponseError | null {
    if (this.state === State.Eof) {
      this.complete();
      this.state = State.Dead;
      return null;
    }
    const cut = this.busy && this.state !== State.Dead;
    this.state = State.Dead;
    return cut ? new IncompleteResponseError() : null;
  }

  private headError: FramingError | null = null;

  private fail(err: FramingError | null): FramingError {
    this.state = State.Dead;
    this.partial = null;
    this.kept = [];
    return err ?? new FramingError('unknown');
  }

  /** Returns the position after the head (or `buf.length` when it is still incomplete), or -1 on error. */
  private readHead(buf: Buffer, pos: number): number {
    const max = this.maxHeaderBytes;
    if (this.partial === null) {
      const from = skipEmptyLines(buf, pos);
      if (from === buf.length) return from;
      const at = buf.indexOf(CRLFCRLF, from);
      if (at >= 0 && at + 4 - from <= max) return this.parseHead(buf, from, at + 2) ? at + 4 : -1;
      if (at >= 0 || buf.length - from > max) return this.error(`headers larger than ${max} bytes`);
      this.partial = Buffer.from(buf.subarray(from));
      return buf.length;
    }
    const before = this.partial.length;
    const data = Buffer.concat([this.partial, buf.subarray(pos)]);
    const from = skipEmptyLines(data, 0);
    const at = data.indexOf(CRLFCRLF, Math.max(from, before - 3));
    if (at < 0) {
      if (data.length - from > max) return this.error(`headers larger than ${max} bytes`);
      this.partial = from === data.length ? null : data.subarray(from);
      return buf.length;
    }
    if (at + 4 - from > max) return this.error(`headers larger than ${max} bytes`);
    this.partial = null;
    return this.parseHead(data, from, at + 2) ? pos + at + 4 - before : -1;
  }

  private error(reason: string): number {
    this.headError = new FramingError(reason);
    return -1;
  }

  /** Parses `data[start, end)` (the head without its final CRLF) and starts the body. */
  private parseHead(data: Buffer, start: number, end: number): boolean {
    const expect = this.events.expectation();
    if (!expect) return this.error('a response nobody asked for') >= 0;
    const lineEnd = data.indexOf(LF, start);
    const status = parseStatusLine(data, start, lineEnd - 1);
    if (status.error) return this.error(status.error) >= 0;
    const head: Head = {
      status: status.code,
      close: status.minor === 0,
      headers: EMPTY_HEADERS,
      contentLength: -1,
      chunked: false,
      untilClose: false,
    };
    const err = this.parseFields(data, lineEnd + 1, end, head, expect, status.minor === 0);
    if (err) return this.error(err) >= 0;
    if (head.status < 200) {
      if (head.status === 101) return this.error('unexpected 101 Switching Protocols') >= 0;
      return true; // interim (100, 103): the final response follows
    }
    this.head = head;
    this.bytes = 0;
    this.keep = expect.keepBody;
    this.keptBytes = 0;
    if (expect.head || head.status === 204 || head.status === 304) this.complete();
    else if (head.chunked) this.startChunk();
    else if (head.untilClose || head.contentLength < 0) {
      head.close = true;
      this.state = State.Eof;
    } else if (head.contentLength === 0) this.complete();
    else {
      this.remaining = head.contentLength;
      this.state = State.Length;
    }
    return true;
  }

  /** Header lines between `pos` and `end` (each ends in CRLF). Returns an error reason or null. */
  private parseFields(
    data: Buffer,
    pos: number,
    end: number,
    head: Head,
    expect: ResponseExpectation,
    http10: boolean,
  ): string | null {
    let transferEncoding: string | undefined;
    let keepAlive = false;
    while (pos < end) {
      let h = 0;
      let i = pos;
      for (; i < end; i++) {
        const b = data[i]!;
        if (b === 58) break;
        if (TOKEN[b] === 0) return 'invalid character in a header name';
        h = (Math.imul(h, 31) + (b | 0x20)) | 0;
      }
      if (i === pos || i === end) return 'a header line without a name or colon';
      const nameEnd = i;
      let lineEnd = i + 1;
      while (data[lineEnd] !== LF) {
        const b = data[lineEnd]!;
        if (b === CR && data[lineEnd + 1] !== LF) return 'CR without LF in a header';
        lineEnd++;
      }
      if (data[lineEnd - 1] !== CR) return 'LF without CR in a header';
      let known = KNOWN.get(h);
      if (known && !sameName(data, pos, nameEnd, known.name)) known = undefined;
      const name = known ? known.name : extraHeader(data, pos, nameEnd, expect);
      if (name !== undefined) {
        const value = trimmed(data, nameEnd + 1, lineEnd - 1);
        const kind = known ? known.kind : Kind.Recorded;
        const err = this.field(head, name, kind, value, expect);
        if (err) return err;
        if (kind === Kind.TransferEncoding) transferEncoding = join(transferEncoding, value);
        if (kind === Kind.Connection && hasToken(value, 'keep-alive')) keepAlive = true;
      }
      pos = lineEnd + 1;
    }
    if (http10 && keepAlive) head.close = false;
    if (transferEncoding !== undefined) {
      if (head.contentLength >= 0) return 'both Content-Length and Transfer-Encoding';
      head.chunked = lastCoding(transferEncoding) === 'chunked';
      head.untilClose = !head.chunked;
    }
    return null;
  }

  private field(head: Head, name: string, kind: Kind, value: string, expect: ResponseExpectation): string | null {
    if (kind === Kind.ContentLength) {
      if (head.contentLength >= 0) return 'duplicate Content-Length';
      if (!/^\d+$/.test(value)) return 'invalid Content-Length';
      head.contentLength = Number(value);
      if (!Number.isSafeInteger(head.contentLength)) return 'Content-Length overflow';
    } else if (kind === Kind.Connection) {
      if (hasToken(value, 'close')) head.close = true;
    } else if (kind === Kind.KeepAlive) {
      const m = /(?:^|[\s,;])timeout\s*=\s*(\d+)/i.exec(value);
      if (m) head.keepAliveMs = Number(m[1]) * 1000;
    }
    if (kind === Kind.Recorded || expect.keepHeaders?.includes(name)) record(head, name, value);
    return null;
  }

  private body(buf: Buffer, pos: number, n: number): void {
    this.bytes += n;
    if (this.keptBytes < this.keep) {
      const take = Math.min(n, this.keep - this.keptBytes);
      this.kept.push(Buffer.from(buf.subarray(pos, pos + take)));
      this.keptBytes += take;
    }
  }

  private startChunk(): void {
    this.chunkSize = 0;
    this.sizeDigits = 0;
    this.state = State.ChunkSize;
  }

  /** One byte of chunk framing (size line, extension, CRLF after data, trailers). */
  private chunkByte(b: number): FramingError | null {
    switch (this.state) {
      case State.ChunkSize: {
        const d = hexValue(b);
        if (d >= 0) {
          this.chunkSize = this.chunkSize * 16 + d;
          if (++this.sizeDigits > 13) return new FramingError('chunk size too large');
          return null;
        }
        if (this.sizeDigits === 0) return new FramingError('invalid character in chunk size');
        if (b === 59) this.state = State.ChunkExt;
        else if (b === CR) this.state = State.ChunkSizeLf;
        else return new FramingError('invalid character in chunk size');
        return null;
      }
      case State.ChunkExt:
        if (b === CR) this.state = State.ChunkSizeLf;
        else if (b === LF) return new FramingError('LF without CR after a chunk extension');
        return null;
      case State.ChunkSizeLf:
        if (b !== LF) return new FramingError('expected LF after the chunk size');
        if (this.chunkSize === 0) {
          this.trailerBytes = 0;
          this.state = State.TrailerStart;
        } else {
          this.remaining = this.chunkSize;
          this.state = State.ChunkData;
        }
        return null;
      case State.ChunkDataCr:
        if (b !== CR) return new FramingError('expected CRLF after chunk data');
        this.state = State.ChunkDataLf;
        return null;
      case State.ChunkDataLf:
        if (b !== LF) return new FramingError('expected CRLF after chunk data');
        this.startChunk();
        return null;
      default:
        return this.trailerByte(b);
    }
  }

  /** Trailer fields are skipped (the tool records none), bounded like headers. */
  private trailerByte(b: number): FramingError | null {
    if (++this.trailerBytes > this.maxHeaderBytes) return new FramingError('trailers too large');
    switch (this.state) {
      case State.TrailerStart:
        if (b === CR) this.state = State.TrailerEndLf;
        else if (b === LF) return new FramingError('LF without CR in trailers');
        else this.state = State.TrailerLine;
        return null;
      case State.TrailerLine:
        if (b === CR) this.state = State.TrailerLf;
        else if (b === LF) return new FramingError('LF without CR in trailers');
        return null;
      case State.TrailerLf:
        if (b !== LF) return new FramingError('CR without LF in trailers');
        this.state = State.TrailerStart;
        return null;
      default:
        if (b !== LF) return new FramingError('CR without LF after trailers');
        this.complete();
        return null;
    }
  }

  private complete(): void {
    const head = this.head!;
    this.head = null;
    this.state = State.Head;
    const r: FramedResponse = { status: head.status, headers: head.headers, bytes: this.bytes, close: head.close };
    if (head.keepAliveMs !== undefined) r.keepAliveMs = head.keepAliveMs;
    if (this.keep > 0) {
      r.body = this.kept.length === 1 ? this.kept[0]! : Buffer.concat(this.kept);
      this.kept = [];
    }
    this.events.response(r);
  }
}

interface StatusLine {
  code: number;
  minor: number;
  error?: string;
}

/** `HTTP/1.x SSS[ reason]` in `data[start, end)`. */
function parseStatusLine(data: Buffer, start: number, end: number): StatusLine {
  const bad = (error: string): StatusLine => ({ code: 0, minor: 0, error });
  if (end < start || data[end] !== CR) return bad('LF without CR after the status line');
  if (end - start < 12) return bad('status line too short');
  // "HTTP/1." = 48 54 54 50 2f 31 2e
  if (
    data[start] !== 72 ||
    data[start + 1] !== 84 ||
    data[start + 2] !== 84 ||
    data[start + 3] !== 80 ||
    data[start + 4] !== 47 ||
    data[start + 5] !== 49 ||
    data[start + 6] !== 46
  )
    return bad('expected HTTP/1.x');
  const minor = data[start + 7]! - 48;
  if (minor !== 0 && minor !== 1) return bad('unsupported HTTP version');
  if (data[start + 8] !== SP) return bad('expected a space after the version');
  let code = 0;
  for (let i = start + 9; i < start + 12; i++) {
    const d = data[i]! - 48;
    if (d < 0 || d > 9) return bad('invalid status code');
    code = code * 10 + d;
  }
  if (start + 12 < end && data[start + 12] !== SP) return bad('invalid status code');
  for (let i = start + 13; i < end; i++) if (data[i] === CR || data[i] === LF) return bad('CR or LF in the reason');
  return { code, minor };
}

/** A header name not among the known ones, when the request asked for it (flows' extract rules). */
function extraHeader(data: Buffer, start: number, end: number, expect: ResponseExpectation): string | undefined {
  if (!expect.keepHeaders?.length) return undefined;
  const name = data.toString('latin1', start, end).toLowerCase();
  return expect.keepHeaders.includes(name) ? name : undefined;
}

/** `data[start, end)` equals the lowercase `name`, ignoring ASCII case. */
function sameName(data: Buffer, start: number, end: number, name: string): boolean {
  if (end - start !== name.length) return false;
  for (let i = 0; i < name.length; i++) if ((data[start + i]! | 0x20) !== name.charCodeAt(i)) return false;
  return true;
}

function skipEmptyLines(buf: Buffer, pos: number): number {
  while (pos + 1 < buf.length && buf[pos] === CR && buf[pos + 1] === LF) pos += 2;
  return pos;
}

function hexValue(b: number): number {
  if (b >= 48 && b <= 57) return b - 48;
  const l = b | 0x20;
  if (l >= 97 && l <= 102) return l - 87;
  return -1;
}

function trimmed(data: Buffer, start: number, end: number): string {
  while (start < end && (data[start] === SP || data[start] === HT)) start++;
  while (end > start && (data[end - 1] === SP || data[end - 1] === HT)) end--;
  return data.toString('latin1', start, end);
}

function record(head: Head, name: string, value: string): void {
  if (head.headers === EMPTY_HEADERS) head.headers = {};
  const headers = head.headers as Record<string, string | string[] | undefined>;
  const prev = headers[name];
  if (name === 'set-cookie') {
    if (prev === undefined) headers[name] = [value];
    else (prev as string[]).push(value);
  } else headers[name] = prev === undefined ? value : `${prev}, ${value}`;
}

const join = (a: string | undefined, b: string): string => (a === undefined ? b : `${a}, ${b}`);

function hasToken(list: string, token: string): boolean {
  return list.split(',').some((t) => t.trim().toLowerCase() === token);
}

function lastCoding(list: string): string {
  const codings = list.split(',');
  return codings[codings.length - 1]!.trim().toLowerCase();
}
