/**
 * The contract between the engine and an HTTP client: a request ready for the wire, what came back, and the
 * client itself. Endpoints build their WireRequest once; a flow builds one per templated step.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface WireRequest {
  /** scheme://host:port */
  readonly origin: string;
  readonly method: string;
  /** Path and query. */
  readonly path: string;
  /** Lowercase names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Buffer;
  /** Keep up to this many bytes of the response body in `Outcome.body` (flows: extraction, CSRF); default none. */
  readonly keepBody?: number;
  /**
   * More response headers (lowercase names) to put in `Outcome.headers` (flows: extract rules). A client may
   * record only the edge headers, `set-cookie` (every value) and `location` otherwise.
   */
  readonly keepHeaders?: readonly string[];
  /** Built for one send (a flow step): its bytes are not cached for the object's lifetime. */
  readonly once?: boolean;
}

/** What every client is built with. */
export interface TransportOptions {
  /** Sockets per origin opened up front by prewarm (open model); the closed model uses one per lane. */
  connections: number;
  /** Open model: sockets per origin at most, opened on demand when every open one is busy (default connections). */
  maxConnections?: number;
  pipelining: number;
  /** Whole-request deadline: connect, headers and body. */
  timeoutMs: number;
  /** TLS: accept certificates that do not verify (staging often has self-signed ones). */
  insecure?: boolean;
  /** TLS: extra trusted CA certificates, PEM. */
  ca?: string;
}

export interface Outcome {
  status: number;
  /** Lowercase names; `set-cookie` is a list. */
  headers: IncomingHttpHeaders | null;
  /** Body bytes received. */
  bytes: number;
  error: Error | null;
  /** Clock value when the request was written to a socket (after any wait in the client's queue). */
  startedAt: number;
  /** The first `keepBody` bytes of the body, when the request asked for them. */
  body?: Buffer;
}

export type Done = (outcome: Outcome) => void;

export interface Transport {
  /** Requests sent and not yet completed. */
  readonly pending: number;
  /** `lane`: the virtual user sending it (closed model, flows), which keeps its own connection. */
  send(request: WireRequest, done: Done, lane?: number): void;
  /**
   * Opens `connections` sockets to each origin before the load and resolves once they are connected (or failed),
   * so the first due requests do not pay for connecting. A client without pools may do nothing.
   */
  prewarm?(origins: readonly string[]): Promise<void>;
  /** Aborts every request still in flight (used when the run is stopped). */
  abortAll(reason: Error): void;
  close(): Promise<void>;
}

export class RequestTimeoutError extends Error {
  readonly code = 'SCALE_AUDIT_TIMEOUT';
  constructor(ms: number) {
    super(`no complete response within ${ms} ms`);
  }
}
