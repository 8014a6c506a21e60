/**
 * Every response header the edge recorder reads. A client that records only some headers (the load path's
 * HTTP/1.1 framer) keeps these, so edge statistics come out the same as from a client that keeps them all.
 */
import { CACHE_STATUS_HEADERS, PROXY_HEADERS } from './cache-status.js';
import { REQUEST_ID_HEADERS } from './tracing.js';

export const EDGE_RESPONSE_HEADERS: readonly string[] = [
  ...CACHE_STATUS_HEADERS,
  ...PROXY_HEADERS,
  ...REQUEST_ID_HEADERS,
  'age',
  'cache-control',
  'content-encoding',
  'etag',
  'last-modified',
  'vary',
  'set-cookie',
  'traceparent',
  'server-timing',
  'retry-after',
];
