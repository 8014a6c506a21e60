/**
 * Which HTTP client the engine sends with: the purpose-built HTTP/1.1 client by default, undici when asked (the
 * reference it is tested against, and the way to anything the fast path does not cover).
 */
import { HttpClient } from './http-client.js';
import { Http1Client } from './http1/client.js';
import type { Transport, TransportOptions } from './transport.js';

export type TransportKind = 'http1' | 'undici';

export function createTransport(kind: TransportKind, options: TransportOptions): Transport {
  return kind === 'undici' ? new HttpClient(options) : new Http1Client(options);
}
