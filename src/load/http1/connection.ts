/**
 * One keep-alive HTTP/1.1 connection on a net or tls socket: writes each request's prebuilt bytes with one call
 * and frames the responses in order (pipelined when the pool allows more than one in flight). Plain TCP reads
 * into the client's one shared buffer (`onread`), so receiving allocates nothing per response.
 */
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, TLSSocket } from 'node:tls';
import type { Outcome, WireRequest, Done } from '../transport.js';
import { IncompleteResponseError, ResponseFramer, type FramedResponse, type ResponseExpectation } from './framer.js';

export interface SocketTarget {
  host: string;
  port: number;
  tls: boolean;
  /** TLS: accept certificates that do not verify (--insecure). */
  insecure?: boolean;
  /** TLS: extra trusted certificates, PEM (--ca). */
  ca?: string;
}

/** One request on its way: what the framer needs to know about it, and where its outcome goes. */
export class Exchange implements ResponseExpectation {
  readonly head: boolean;
  readonly keepBody: number;
  readonly keepHeaders: readonly string[] | undefined;
  startedAt: number;
  conn: Connection | null = null;
  finished = false;

  constructor(
    readonly request: WireRequest,
    readonly bytes: Buffer,
    readonly done: Done,
    readonly deadline: number,
    now: number,
  ) {
    this.head = request.method === 'HEAD';
    this.keepBody = request.keepBody ?? 0;
    this.keepHeaders = request.keepHeaders;
    this.startedAt = now;
  }
}

/** Who the connection reports to: the client (outcomes) and its group (a pool, or a virtual user's lane). */
export interface ConnectionOwner {
  finish(x: Exchange, outcome: Outcome): void;
  /** It can take another request. */
  released(conn: Connection): void;
  /** It is gone; nothing is in flight on it any more. */
  closed(conn: Connection): void;
}

/** Without a `Keep-Alive: timeout` from the server, an idle connection is reused for this long. */
const IDLE_REUSE_MS = 30_000;
/** Reuse stops this long before the server's announced idle timeout, so a request never races its close. */
const KEEP_ALIVE_MARGIN_MS = 1000;

export class Connection {
  readonly inFlight: Exchange[] = [];
  dead = false;
  /** In the pool's free list. */
  listed = false;
  private readonly socket: Socket;
  private readonly framer: ResponseFramer;
  /** The server said this response is its last on the connection. */
  private closing = false;
  private idleUntil = Number.POSITIVE_INFINITY;

  constructor(
    target: SocketTarget,
    private readonly owner: ConnectionOwner,
    readBuffer: Buffer,
  ) {
    this.framer = new ResponseFramer({
      expectation: () => this.inFlight[0],
      response: (r) => this.onResponse(r),
    });
    this.socket = target.tls ? this.tlsSocket(target) : this.tcpSocket(target, readBuffer);
    this.socket.on('error', (err) => this.destroy(err));
    this.socket.on('end', () => this.onEnd());
    this.socket.on('close', () => this.destroy(new IncompleteResponseError()));
  }

  /** Idle past the reuse window (or the server's keep-alive hint): better closed than raced. */
  expired(now: number): boolean {
    return this.inFlight.length === 0 && now > this.idleUntil;
  }

  /** `now`: the clock value, when the caller has just read it (a request written straight away). */
  write(x: Exchange, now = performance.now()): void {
    x.conn = this;
    x.startedAt = now;
    this.inFlight.push(x);
    this.idleUntil = Number.POSITIVE_INFINITY;
    this.socket.write(x.bytes);
  }

  /** Settles when the socket is connected (TLS: handshake done) or gone; never rejects. */
  connected(): Promise<void> {
    if (this.dead || !this.socket.connecting) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once(this.socket instanceof TLSSocket ? 'secureConnect' : 'connect', () => resolve());
      this.socket.once('close', () => resolve());
    });
  }

  /** Can take another request: neither closed nor told by the server that it is closing. */
  get usable(): boolean {
    return !this.dead && !this.closing;
  }

  /** Ends one exchange (timeout, abort): HTTP/1.1 cannot cancel a request but by closing its connection. */
  abort(x: Exchange, reason: Error): void {
    const i = this.inFlight.indexOf(x);
    if (i >= 0) this.inFlight.splice(i, 1);
    this.destroy(new IncompleteResponseError());
    this.owner.finish(x, failure(reason, x.startedAt));
  }

  /** Closes the socket; whatever is still in flight on it fails with `reason`. */
  destroy(reason: Error): void {
    if (this.dead) return;
    this.dead = true;
    this.socket.destroy();
    for (const x of this.inFlight.splice(0)) this.owner.finish(x, failure(reason, x.startedAt));
    this.owner.closed(this);
  }

  private tcpSocket(target: SocketTarget, buffer: Buffer): Socket {
    return netConnect({
      host: target.host,
      port: target.port,
      noDelay: true,
      onread: {
        buffer,
        callback: (n: number, buf: Uint8Array) => {
          this.onData(buf as Buffer, n);
          return true;
        },
      },
    });
  }

  private tlsSocket(target: SocketTarget): Socket {
    const socket = tlsConnect({
      host: target.host,
      port: target.port,
      servername: isIP(target.host) ? undefined : target.host,
      rejectUnauthorized: !target.insecure,
      ALPNProtocols: ['http/1.1'],
      ...(target.ca ? { ca: target.ca } : {}),
    });
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk, chunk.length));
    return socket;
  }

  private onData(chunk: Buffer, end: number): void {
    if (this.dead) return;
    const err = this.framer.feed(chunk, end);
    if (err) this.destroy(err);
    else if (this.closing) this.destroy(new IncompleteResponseError());
  }

  private onEnd(): void {
    if (this.dead) return;
    this.destroy(this.framer.end() ?? new IncompleteResponseError());
  }

  private onResponse(r: FramedResponse): void {
    const x = this.inFlight.shift()!;
    if (r.close) this.closing = true;
    else if (this.inFlight.length === 0) {
      const hint = r.keepAliveMs === undefined ? IDLE_REUSE_MS : r.keepAliveMs - KEEP_ALIVE_MARGIN_MS;
      this.idleUntil = performance.now() + Math.min(IDLE_REUSE_MS, hint);
    }
    const outcome: Outcome = {
      status: r.status,
      headers: r.headers,
      bytes: r.bytes,
      error: null,
      startedAt: x.startedAt,
    };
    if (r.body) outcome.body = r.body;
    this.owner.finish(x, outcome);
    if (!this.closing && !this.dead) this.owner.released(this);
  }
}

export function failure(error: Error, startedAt: number): Outcome {
  return { status: 0, headers: null, bytes: 0, error, startedAt };
}

/** Host and port of an http(s) origin, as the socket wants them. */
export function socketTarget(origin: string, tls: Pick<SocketTarget, 'insecure' | 'ca'>): SocketTarget {
  const url = new URL(origin);
  const secure = url.protocol === 'https:';
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return { host, port: Number(url.port) || (secure ? 443 : 80), tls: secure, ...tls };
}
