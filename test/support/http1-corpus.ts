/**
 * Raw HTTP/1.1 responses and what a correct client makes of them: status, framed body length and the recorded
 * headers, or an error class. The framer's unit tests feed them split every way; the differential integration
 * test replays them from a raw TCP server to both the HTTP/1.1 client and undici (llhttp), which must agree.
 */
import { gzipSync } from 'node:zlib';

export interface ExpectedResponse {
  status: number;
  bytes: number;
  /** The recorded headers (lowercase; set-cookie a list, other repeats joined with ", "). */
  headers: Record<string, string | string[]>;
}

export interface CorpusCase {
  name: string;
  /** One method per request; the bytes answer all of them, in order. */
  methods: readonly ('GET' | 'HEAD')[];
  bytes: Buffer;
  /** The server closes the connection after writing (the response may be framed by that close). */
  closeAfter?: boolean;
  /** Per request: its response, or the error class it must end with. */
  expect: readonly (ExpectedResponse | { error: 'other' | 'reset' | 'timeout' })[];
}

const crlf = (lines: string): Buffer => Buffer.from(lines.replaceAll('\n', '\r\n'), 'latin1');
const gz = gzipSync(Buffer.from('hello, compressed world. '.repeat(40)));

export const CORPUS: readonly CorpusCase[] = [
  {
    name: 'content-length with every recorded header, mixed case and padding',
    methods: ['GET'],
    bytes: crlf(
      'HTTP/1.1 200 OK\nServer: test\nCache-Control: \t public, max-age=60\nAGE: 12\nVary: Accept-Encoding\n' +
        'Vary: Cookie\nSet-Cookie: a=1; Path=/\nset-cookie: sessionid=xyz; HttpOnly\nETag: "v1"\n' +
        'Last-Modified: Tue, 01 Dec 2026 10:00:00 GMT\nX-Cache: HIT\nCF-Cache-Status: MISS\nVia: 1.1 varnish\n' +
        'Traceparent: 00-aaaa-bbbb-01\nX-Request-Id: r1\nServer-Timing: db;dur=3\nRetry-After: 5\n' +
        'Location: /next\nContent-Type: text/plain\nContent-Length: 11\n\nhello world',
    ),
    expect: [
      {
        status: 200,
        bytes: 11,
        headers: {
          'cache-control': 'public, max-age=60',
          age: '12',
          vary: 'Accept-Encoding, Cookie',
          'set-cookie': ['a=1; Path=/', 'sessionid=xyz; HttpOnly'],
          etag: '"v1"',
          'last-modified': 'Tue, 01 Dec 2026 10:00:00 GMT',
          'x-cache': 'HIT',
          'cf-cache-status': 'MISS',
          via: '1.1 varnish',
          traceparent: '00-aaaa-bbbb-01',
          'x-request-id': 'r1',
          'server-timing': 'db;dur=3',
          'retry-after': '5',
          location: '/next',
        },
      },
    ],
  },
  {
    name: 'chunked with extensions and trailers',
    methods: ['GET'],
    bytes: crlf(
      'HTTP/1.1 200 OK\nTransfer-Encoding: chunked\nCache-Control: no-store\n\n' +
        '5;name=value\nhello\n6;quoted="a;b"\n world\nA\n0123456789\n0\nX-Trailer: done\nServer-Timing: x\n\n',
    ),
    expect: [{ status: 200, bytes: 21, headers: { 'cache-control': 'no-store' } }],
  },
  {
    name: 'chunked after another coding (gzip, chunked), uppercase hex',
    methods: ['GET'],
    bytes: Buffer.concat([
      crlf('HTTP/1.1 200 OK\nTransfer-Encoding: gzip, chunked\nContent-Encoding: gzip\n\n'),
      crlf(`${gz.length.toString(16).toUpperCase()}\n`),
      gz,
      crlf('\n0\n\n'),
    ]),
    expect: [{ status: 200, bytes: gz.length, headers: { 'content-encoding': 'gzip' } }],
  },
  {
    name: 'gzip body by content-length (counted compressed, as sent)',
    methods: ['GET'],
    bytes: Buffer.concat([
      crlf(`HTTP/1.1 200 OK\nContent-Encoding: gzip\nVary: Accept-Encoding\nContent-Length: ${gz.length}\n\n`),
      gz,
    ]),
    expect: [{ status: 200, bytes: gz.length, headers: { 'content-encoding': 'gzip', vary: 'Accept-Encoding' } }],
  },
  {
    name: 'three pipelined responses: content-length, chunked, 204',
    methods: ['GET', 'GET', 'GET'],
    bytes: crlf(
      'HTTP/1.1 200 OK\nContent-Length: 3\n\nabcHTTP/1.1 201 Created\nTransfer-Encoding: chunked\nAge: 1\n\n' +
        '2\nxy\n0\n\nHTTP/1.1 204 No Content\nETag: "e"\n\n',
    ),
    expect: [
      { status: 200, bytes: 3, headers: {} },
      { status: 201, bytes: 2, headers: { age: '1' } },
      { status: 204, bytes: 0, headers: { etag: '"e"' } },
    ],
  },
  {
    name: 'Connection: close with content-length',
    methods: ['GET'],
    bytes: crlf('HTTP/1.1 503 Service Unavailable\nConnection: close\nRetry-After: 30\nContent-Length: 4\n\nbusy'),
    closeAfter: true,
    expect: [{ status: 503, bytes: 4, headers: { 'retry-after': '30' } }],
  },
  {
    name: 'body framed by the connection closing',
    methods: ['GET'],
    bytes: crlf('HTTP/1.1 200 OK\nContent-Type: text/plain\n\nuntil the end of the connection'),
    closeAfter: true,
    expect: [{ status: 200, bytes: 31, headers: {} }],
  },
  {
    name: 'HTTP/1.0 with content-length',
    methods: ['GET'],
    bytes: crlf('HTTP/1.0 200 OK\nContent-Length: 2\n\nok'),
    closeAfter: true,
    expect: [{ status: 200, bytes: 2, headers: {} }],
  },
  {
    name: '100 Continue, then the response',
    methods: ['GET'],
    bytes: crlf('HTTP/1.1 100 Continue\n\nHTTP/1.1 200 OK\nContent-Length: 2\n\nok'),
    expect: [{ status: 200, bytes: 2, headers: {} }],
  },
  {
    name: '103 Early Hints, then the response',
    methods: ['GET'],
    bytes: crlf(
      'HTTP/1.1 103 Early Hints\nLink: </style.css>; rel=preload\n\n' +
        'HTTP/1.1 200 OK\nCache-Control: max-age=5\nContent-Length: 4\n\nbody',
    ),
    expect: [{ status: 200, bytes: 4, headers: { 'cache-control': 'max-age=5' } }],
  },
  {
    name: 'HEAD: content-length announced, no body follows; the next response is read',
    methods: ['HEAD', 'GET'],
    bytes: crlf('HTTP/1.1 200 OK\nContent-Length: 1234\nETag: "h"\n\nHTTP/1.1 200 OK\nContent-Length: 1\n\nx'),
    expect: [
      { status: 200, bytes: 0, headers: { etag: '"h"' } },
      { status: 200, bytes: 1, headers: {} },
    ],
  },
  {
    name: '204 carries no body even with a content-length',
    methods: ['GET'],
    bytes: crlf('HTTP/1.1 204 No Content\nContent-Length: 10\n\n'),
    expect: [{ status: 204, bytes: 0, headers: {} }],
  },
  {
    name: '304 carries no body even with a content-length',
    methods: ['GET'],
    bytes: crlf('HTTP/1.1 304 Not Modified\nETag: "x"\nContent-Length: 10\n\n'),
    expect: [{ status: 304, bytes: 0, headers: { etag: '"x"' } }],
  },
  {
    name: '304 then 200 on one connection: the next response starts right after the head',
    methods: ['GET', 'GET'],
    bytes: crlf('HTTP/1.1 304 Not Modified\nETag: "x"\n\nHTTP/1.1 200 OK\nContent-Length: 5\n\nhello'),
    expect: [
      { status: 304, bytes: 0, headers: { etag: '"x"' } },
      { status: 200, bytes: 5, headers: {} },
    ],
  },
  {
    name: 'no reason phrase, and a keep-alive hint',
    methods: ['GET'],
    bytes: crlf('HTTP/1.1 301\nLocation: https://example.com/\nKeep-Alive: timeout=5\nContent-Length: 0\n\n'),
    expect: [{ status: 301, bytes: 0, headers: { location: 'https://example.com/' } }],
  },
  {
    name: '1 MB of headers',
    methods: ['GET'],
    bytes: crlf(`HTTP/1.1 200 OK\nX-Big: ${'a'.repeat(1 << 20)}\nContent-Length: 2\n\nok`),
    expect: [{ error: 'other' }],
  },
  {
    name: 'garbage instead of HTTP',
    methods: ['GET'],
    bytes: Buffer.from('this is not HTTP at all\r\n\r\n\x00\x01\x02', 'latin1'),
    expect: [{ error: 'other' }],
  },
  {
    name: 'duplicate content-length',
    methods: ['GET'],
    bytes: crlf('HTTP/1.1 200 OK\nContent-Length: 2\nContent-Length: 2\n\nok'),
    expect: [{ error: 'other' }],
  },
  {
    name: 'content-length with transfer-encoding',
    methods: ['GET'],
    bytes: crlf('HTTP/1.1 200 OK\nContent-Length: 2\nTransfer-Encoding: chunked\n\n2\nok\n0\n\n'),
    expect: [{ error: 'other' }],
  },
  {
    name: 'invalid chunk size',
    methods: ['GET'],
    bytes: crlf('HTTP/1.1 200 OK\nTransfer-Encoding: chunked\n\nzz\nok\n0\n\n'),
    expect: [{ error: 'other' }],
  },
  {
    name: 'invalid content-length',
    methods: ['GET'],
    bytes: crlf('HTTP/1.1 200 OK\nContent-Length: 1x\n\nok'),
    expect: [{ error: 'other' }],
  },
  {
    name: 'space inside a header name',
    methods: ['GET'],
    bytes: crlf('HTTP/1.1 200 OK\nBad Name: 1\nContent-Length: 2\n\nok'),
    expect: [{ error: 'other' }],
  },
  {
    name: 'cut short: content-length 100, 10 bytes, then close',
    methods: ['GET'],
    bytes: crlf('HTTP/1.1 200 OK\nContent-Length: 100\n\n0123456789'),
    closeAfter: true,
    expect: [{ error: 'reset' }],
  },
];

/** Headers the server drips one byte at a time, slower than any deadline a test sets. */
export const SLOW_LORIS = crlf('HTTP/1.1 200 OK\nContent-Type: text/plain\nContent-Length: 2\n\nok');
