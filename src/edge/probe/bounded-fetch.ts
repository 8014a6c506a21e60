/** One GET whose cost is bounded: the body is counted, never kept, and cut at a byte cap. */
import { request, type Dispatcher } from 'undici';
import type { ResponseHeaders } from '../headers/header-values.js';
import type { ProbeStep } from './probe-errors.js';

export interface BoundedResponse {
  status: number;
  headers: ResponseHeaders;
  /** Body bytes on the wire (still encoded), up to the cap. */
  bytes: number;
  truncated: boolean;
}

export interface BoundedRequest {
  dispatcher: Dispatcher;
  headers: Record<string, string>;
  signal: AbortSignal;
  maxBodyBytes: number;
  /** Updated as the request moves on, so an error can say where it happened. */
  step: ProbeStep;
  /** Called with status and headers before the body is read (so a body that never ends still reports them). */
  onHeaders?: (status: number, headers: ResponseHeaders) => void;
}

export async function fetchBounded(url: URL, req: BoundedRequest): Promise<BoundedResponse> {
  req.step.stage = 'headers';
  const res = await request(url, {
    method: 'GET',
    dispatcher: req.dispatcher,
    headers: req.headers,
    signal: req.signal,
  });
  req.onHeaders?.(res.statusCode, res.headers);
  req.step.stage = 'body';
  let bytes = 0;
  let truncated = false;
  for await (const chunk of res.body as AsyncIterable<Buffer>) {
    bytes += chunk.length;
    if (bytes >= req.maxBodyBytes) {
      truncated = true;
      break; // leaving the loop destroys the body and its connection
    }
  }
  return { status: res.statusCode, headers: res.headers, bytes: Math.min(bytes, req.maxBodyBytes), truncated };
}
