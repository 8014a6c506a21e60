/**
 * An incremental HTTP/1.1 response framer for the load path. It reads the status line, the framing headers and
 * only the headers the tool records, and frames the body by Content-Length, chunked encoding or connection close
 * (RFC 9112 §6.3), counting body bytes without keeping them unless asked. It follows llhttp's strict mode where
 * they differ (duplicate Content-Length, Content-Length with Transfer-Encoding, bare LF: errors). Bytes may be
 * split anywhere; a malformed response is a FramingError, never a throw, a hang or unbounded memory.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { parseResponseHead, type ResponseHead } from './response-head.js';

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
/** Heads are looked for in this much of a read first (most heads are a few hundred bytes). */
const HEAD_PROBE_BYTES = 2048;

const CR = 13;
const LF = 10;
const CRLFCRLF = Buffer.from('\r\n\r\n');

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

export class ResponseFramer {
  private state = State.Head;
  /** Head bytes received so far when a head spans reads (copied: the read buffer is reused). */
  private partial: Buffer | null = null;
  private head: ResponseHead | null = null;
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

  /**
   * Feeds received bytes, `buf[0, end)`; returns the error that ended framing, if any. The buffer may be reused
   * once this returns.
   */
  feed(buf: Buffer, end = buf.length): FramingError | null {
    let pos = 0;
    while (pos < end) {
      switch (this.state) {
        case State.Head: {
          const next = this.readHead(buf, pos, end);
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

  /** Returns the position after the head (or `end` when it is still incomplete), or -1 on error. */
  private readHead(buf: Buffer, pos: number, end: number): number {
    if (this.partial !== null) return this.readPartialHead(buf, pos, end);
    const from = skipEmptyLines(buf, pos, end);
    if (from === end) return end;
    // Searching a latin1 string is far cheaper than Buffer#indexOf; the head is parsed from that string.
    const probe = buf.toString('latin1', from, Math.min(end, from + HEAD_PROBE_BYTES));
    const at = probe.indexOf('\r\n\r\n');
    if (at >= 0) {
      if (at + 4 > this.maxHeaderBytes) return this.error(`headers larger than ${this.maxHeaderBytes} bytes`);
      return this.parseHead(probe.slice(0, at + 2)) ? from + at + 4 : -1;
    }
    return this.startPartial(buf, from, end);
  }

  /** A head longer than the probe, or cut by the end of a read: kept (copied) until its end arrives. */
  private startPartial(buf: Buffer, from: number, end: number): number {
    const max = this.maxHeaderBytes;
    const at = end - from > HEAD_PROBE_BYTES ? buf.subarray(from, end).indexOf(CRLFCRLF) : -1;
    if (at >= 0) {
      if (at + 4 > max) return this.error(`headers larger than ${max} bytes`);
      return this.parseHead(buf.toString('latin1', from, from + at + 2)) ? from + at + 4 : -1;
    }
    if (end - from > max) return this.error(`headers larger than ${max} bytes`);
    this.partial = Buffer.from(buf.subarray(from, end));
    return end;
  }

  private readPartialHead(buf: Buffer, pos: number, end: number): number {
    const max = this.maxHeaderBytes;
    const before = this.partial!.length;
    const data = Buffer.concat([this.partial!, buf.subarray(pos, end)]);
    const from = skipEmptyLines(data, 0, data.length);
    const at = data.indexOf(CRLFCRLF, Math.max(from, before - 3));
    if (at < 0) {
      if (data.length - from > max) return this.error(`headers larger than ${max} bytes`);
      this.partial = from === data.length ? null : data.subarray(from);
      return end;
    }
    if (at + 4 - from > max) return this.error(`headers larger than ${max} bytes`);
    this.partial = null;
    return this.parseHead(data.toString('latin1', from, at + 2)) ? pos + at + 4 - before : -1;
  }

  private error(reason: string): number {
    this.headError = new FramingError(reason);
    return -1;
  }

  /** Parses the head (its text without the blank line) and starts the body. */
  private parseHead(text: string): boolean {
    const expect = this.events.expectation();
    if (!expect) return this.error('a response nobody asked for') >= 0;
    const head = parseResponseHead(text, expect.keepHeaders);
    if (typeof head === 'string') return this.error(head) >= 0;
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

function skipEmptyLines(buf: Buffer, pos: number, end: number): number {
  while (pos + 1 < end && buf[pos] === CR && buf[pos + 1] === LF) pos += 2;
  return pos;
}

function hexValue(b: number): number {
  if (b >= 48 && b <= 57) return b - 48;
  const l = b | 0x20;
  if (l >= 97 && l <= 102) return l - 87;
  return -1;
}
