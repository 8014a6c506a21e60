import { describe, expect, it } from 'vitest';
import { EdgeRecorder } from '../../../../src/edge/edge-recorder.js';
import { EDGE_RESPONSE_HEADERS } from '../../../../src/edge/headers/observed.js';
import type { ResponseHeaders } from '../../../../src/edge/headers/header-values.js';

/** Responses carrying every header the edge statistics could read, and some they should not. */
const RESPONSES: [number, ResponseHeaders][] = [
  [
    200,
    {
      'cf-cache-status': 'HIT',
      age: '30',
      'cache-control': 'public, max-age=60',
      'content-encoding': 'br',
      etag: '"a"',
      'last-modified': 'Tue, 01 Dec 2026 10:00:00 GMT',
      vary: 'Accept-Encoding, Cookie',
      'set-cookie': ['sessionid=1', 'AWSALB=x'],
      traceparent: '00-a-b-01',
      'server-timing': 'db;dur=2',
      'x-request-id': 'r',
      via: '1.1 varnish',
      'content-type': 'text/html',
      server: 'nginx',
      date: 'Wed, 02 Dec 2026 06:00:00 GMT',
      'x-powered-by': 'Django',
    },
  ],
  [429, { 'retry-after': '5', 'x-cache': 'MISS, HIT', 'x-served-by': 'cache-1', 'content-length': '0' }],
  [503, { 'cache-status': 'Edge; fwd=uri-miss', 'x-varnish': '1 2', 'x-cache-hits': '1', connection: 'close' }],
  [200, { 'x-cache-status': 'STALE', 'x-amz-request-id': 'q', 'request-id': 'r', 'keep-alive': 'timeout=5' }],
];

const only = (h: ResponseHeaders): ResponseHeaders =>
  Object.fromEntries(Object.entries(h).filter(([name]) => EDGE_RESPONSE_HEADERS.includes(name)));

describe('EDGE_RESPONSE_HEADERS', () => {
  it('is every header the edge recorder reads: keeping only these changes none of its figures', () => {
    const all = new EdgeRecorder();
    const kept = new EdgeRecorder();
    for (const [status, headers] of RESPONSES) {
      all.observe('e', status, headers, 100);
      kept.observe('e', status, only(headers), 100);
    }
    expect(kept.evidence()).toEqual(all.evidence());
    expect(all.evidence().hits).toBeGreaterThan(0);
  });
});
