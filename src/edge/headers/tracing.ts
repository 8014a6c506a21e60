/** Headers that let a request be followed through logs and traces (obs.tracing). */
import type { ResponseHeaders } from './header-values.js';

export type TracingKind = 'traceparent' | 'request_id' | 'server_timing';

export const REQUEST_ID_HEADERS = [
  'x-request-id',
  'request-id',
  'x-correlation-id',
  'x-amzn-requestid',
  'x-amz-request-id',
] as const;

export function hasTraceparent(h: ResponseHeaders): boolean {
  return h.traceparent !== undefined;
}

export function hasRequestId(h: ResponseHeaders): boolean {
  for (const name of REQUEST_ID_HEADERS) if (h[name] !== undefined) return true;
  return false;
}

export function hasServerTiming(h: ResponseHeaders): boolean {
  return h['server-timing'] !== undefined;
}

/** Which kinds of tracing headers a response carries. */
export function tracingKinds(h: ResponseHeaders): TracingKind[] {
  const out: TracingKind[] = [];
  if (hasTraceparent(h)) out.push('traceparent');
  if (hasRequestId(h)) out.push('request_id');
  if (hasServerTiming(h)) out.push('server_timing');
  return out;
}
