/**
 * Sends requests over undici Pools (one per origin, keep-alive, configurable sockets and pipelining) with a
 * callback per request: no promise or body buffering on the hot path, only a byte count.
 */
import { Client, Pool, type Dispatcher } from 'undici';
import type { IncomingHttpHeaders } from 'node:http';
import {
  RequestTimeoutError,
  type Done,
  type Transport,
  type TransportOptions,
  type WireRequest,
} from './transport.js';

class ResponseHandler implements Dispatcher.DispatchHandler {
  status = 0;
  headers: IncomingHttpHeaders | null = null;
  bytes = 0;
  controller: Dispatcher.DispatchController | null = null;
  finished = false;
  startedAt: number;
  private kept: Buffer[] | null = null;
  private keptBytes = 0;

  constructor(
    readonly deadline: number,
    private readonly done: Done,
    private readonly inFlight: Set<ResponseHandler>,
    private readonly keepBody = 0,
  ) {
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
    if (this.keptBytes < this.keepBody) {
      const part = chunk.subarray(0, this.keepBody - this.keptBytes);
      (this.kept ??= []).push(part);
      this.keptBytes += part.length;
    }
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
    this.done({
      status: error ? 0 : this.status,
      headers: this.headers,
      bytes: this.bytes,
      error,
      startedAt: this.startedAt,
      body: this.kept ? Buffer.concat(this.kept) : undefined,
    });
  }
}

export class HttpClient implements Transport {
  private readonly pools = new Map<string, Pool>();
  /** Closed model: one keep-alive connection per virtual user and origin, like a browser tab (no pool queue). */
  private readonly lanes = new Map<string, Client>();
  private readonly inFlight = new Set<ResponseHandler>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly opts: TransportOptions) {
    // One sweep instead of one timer per request: aborts whatever has passed its deadline (slow bodies too).
    const every = Math.max(20, Math.min(250, opts.timeoutMs / 10));
    this.sweeper = setInterval(() => this.expire(performance.now()), every);
    this.sweeper.unref();
  }

  get pending(): number {
    return this.inFlight.size;
  }

  send(request: WireRequest, done: Done, lane?: number): void {
    const deadline = performance.now() + this.opts.timeoutMs;
    const handler = new ResponseHandler(deadline, done, this.inFlight, request.keepBody);
    this.inFlight.add(handler);
    try {
      (lane === undefined ? this.pool(request.origin) : this.lane(request.origin, lane)).dispatch(
        dispatchOptions(request),
        handler,
      );
    } catch (err) {
      handler.finish(err as Error);
    }
  }

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
      connect: {
        ...(this.opts.insecure ? { rejectUnauthorized: false } : {}),
        ...(this.opts.ca ? { ca: this.opts.ca } : {}),
      },
    };
  }

  private pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      const connections = Math.max(this.opts.connections, this.opts.maxConnections ?? 0);
      pool = new Pool(origin, { ...this.clientOptions(), connections });
      this.pools.set(origin, pool);
    }
    return pool;
  }
}

const dispatchOptions = (r: WireRequest): Dispatcher.DispatchOptions => ({
  method: r.method as Dispatcher.HttpMethod,
  path: r.path,
  headers: r.headers,
  body: r.body,
});
