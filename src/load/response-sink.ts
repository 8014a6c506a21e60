/**
 * What the engine hands every measured response to (as vegeta's Report.Add and k6's Output do): the HDR recorder,
 * the edge recorder, and whatever else a caller passes in. Warmup responses never reach a sink.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ErrorClass } from '../result/run-result.js';

export interface MeasuredResponse {
  /** Index of the endpoint in the plan. */
  endpoint: number;
  /** Its configured name. */
  name: string;
  /** Clock value (performance.now()) when the response completed. */
  end: number;
  /** From the intended send time (open model) or equal to the service time (closed model). */
  latencyMs: number;
  /** From the moment the request reached a socket. */
  serviceMs: number;
  /** 0 for a transport error. */
  status: number;
  /** null for a success. */
  errorClass: ErrorClass | null;
  bytes: number;
  headers: IncomingHttpHeaders | null;
}

export interface ResponseSink {
  add(response: MeasuredResponse): void;
}
