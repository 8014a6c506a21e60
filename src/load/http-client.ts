/**
 * Sends requests over undici Pools (one per origin, keep-alive, configurable sockets and pipelining) with a
 * callback per request: no promise or body buffering on the hot path, only a byte count.
 */
import { Client, Pool, type Dispatcher } from 'undici';
import type { IncomingHttpHeaders } from 'node:http';
import type { PreparedEndpoint } from './endpoints.js';

export interface Outcome {
  status: number;
  headers: IncomingHttpHeaders | null;
  bytes: number;
  error: Error | null;
  /** Clock value when the request was written to a socket (after any wait in the pool's queue). */
  startedAt: number;
}

export type Done = (outcome: Outcome) => void;

export interface HttpClientOptions {
  /** Sockets per origin. */
  connections: number;
  pipelining: number;
  /** Whole-request deadline: connect, headers and body. */
  timeoutMs: number;
  /** TLS: accept self-signed certificates (staging often has them). */
  insecure?: boolean;
}

export class RequestTimeoutError extends Error {
  readonly code = 'SCALE_AUDIT_TIMEOUT';
  constructor(ms: number) {
    super(`no complete response within ${ms} ms`);
  }
}

class ResponseHandler implements Dispatcher.DispatchHandler {
  status = 0;
  headers: IncomingHttpHeaders | null = null;
  bytes = 0;
  controller: Dispatcher.DispatchController | null = null;
  finished = false;
  startedAt: number;

  constructor(readonly deadline: number, private readonly done: Done, private readonly inFlight: Set<ResponseHandler>) {
    this.startedAt = performance.now();
  }

  /** undici calls this when the request is written to a socket, so service time excludes queueing in the pool. */
  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    this.startedAt = performance.now();
  }

  onResponseStart(_c: Dispatcher.DispatchController, statusCode: number, headers: IncomingHttpHeaders): void {
    this.status = statusCode;
    this.headers = headers;
  }

  onResponseData(_c: Dispatcher.DispatchController, chunk: Buffer): void {
    this.bytes += chunk.length;
  }

  onResponseEnd(): void {
    this.finish(null);
  }

  onResponseError(_c: Dispatcher.DispatchController, error: Error): void {
    this.finish(error);
  }

  finish(error: Error | null): void {
    if (this.finished) return;
    this.finished = true;
    this.inFlight.delete(this);
    this.done({ status: error ? 0 : this.status, headers: this.headers, bytes: this.bytes, error, startedAt: this.startedAt });
  }
}

export class HttpClient {
  private readonly pools = new Map<string, Pool>();
  /** Closed model: one keep-alive connection per virtual user and origin, like a browser tab (no pool queue). */
  private readonly lanes = new Map<string, Client>();
  private readonly inFlight = new Set<ResponseHandler>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly opts: HttpClientOptions) {
    // One sweep instead of one timer per request: aborts whatever has passed its deadline (slow bodies too).
    const every = Math.max(20, Math.min(250, opts.timeoutMs / 10));
    this.sweeper = setInterval(() => this.expire(performance.now()), every);
    this.sweeper.unref();
  }

  get pending(): number {
    return this.inFlight.size;
  }

  /** `lane`: the virtual user sending it (closed model), which keeps its own connection. */
  send(endpoint: PreparedEndpoint, done: Done, lane?: number): void {
    const handler = new ResponseHandler(performance.now() + this.opts.timeoutMs, done, this.inFlight);
    this.inFlight.add(handler);
    try {
      (lane === undefined ? this.pool(endpoint.origin) : this.lane(endpoint.origin, lane)).dispatch(endpoint.dispatch, handler);
    } catch (err) {
      handler.finish(err as Error);
    }
  }

  /** Aborts every request still in flight (used when the run is stopped). */
  abortAll(reason: Error): void {
    for (const h of [...this.inFlight]) this.abort(h, reason);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    await Promise.all([...this.pools.values(), ...this.lanes.values()].map((p) => p.destroy().catch(() => undefined)));
    this.pools.clear();
    this.lanes.clear();
  }

  private expire(now: number): void {
    for (const h of this.inFlight) if (h.deadline <= now) this.abort(h, new RequestTimeoutError(this.opts.timeoutMs));
  }

  private abort(h: ResponseHandler, reason: Error): void {
    if (h.controller && !h.controller.aborted) h.controller.abort(reason);
    h.finish(reason);
  }

  private lane(origin: string, lane: number): Client {
    const key = `${lane} ${origin}`;
    let client = this.lanes.get(key);
    if (!client) {
      client = new Client(origin, this.clientOptions());
      this.lanes.set(key, client);
    }
    return client;
  }

  private clientOptions(): Client.Options {
    return {
      pipelining: this.opts.pipelining,
      headersTimeout: this.opts.timeoutMs,
      bodyTimeout: this.opts.timeoutMs,
      connectTimeout: this.opts.timeoutMs,
      keepAliveTimeout: 30_000,
      connect: this.opts.insecure ? { rejectUnauthorized: false } : undefined,
    };
  }

  private pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, { ...this.clientOptions(), connections: this.opts.connections });
      this.pools.set(origin, pool);
    }
    return pool;
  }
}
