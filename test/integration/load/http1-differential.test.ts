/**
 * Differential test of the HTTP/1.1 load client against llhttp: a raw TCP server replays each corpus response,
 * cut into pieces written apart, and the client must agree with the reference on status, framed body length, the
 * recorded headers and the error class — with the corpus's expectation as a third witness. The reference is
 * node:http (llhttp in strict mode) for one request, undici (llhttp, pipelining) for several; undici alone is
 * laxer in places (it reports a bad Content-Length as a length mismatch and rejects an unsolicited
 * 100 Continue), so it is not the judge of those.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createServer, type Server, type Socket } from 'node:net';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Client, type Dispatcher } from 'undici';
import { Http1Client } from '../../../src/load/http1/client.js';
import { RECORDED_HEADERS } from '../../../src/load/http1/recorded-headers.js';
import { classifyError } from '../../../src/load/classify-error.js';
import { RequestTimeoutError, type Outcome } from '../../../src/load/transport.js';
import { CORPUS, SLOW_LORIS, type CorpusCase } from '../../support/http1-corpus.js';

type Framed = { status: number; bytes: number; headers: Record<string, string | string[]> } | { error: string };

interface Replay {
  bytes: Buffer;
  requests: number;
  closeAfter?: boolean;
  /** Offsets where the bytes are cut; pieces are written a moment apart. */
  cuts?: readonly number[];
  /** Milliseconds between pieces. */
  gapMs?: number;
}

let server: Server;
let origin: string;
let replay: Replay;
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    let received = '';
    let answered = false;
    socket.on('data', (d) => {
      received += d.toString('latin1');
      if (answered || received.split('\r\n\r\n').length - 1 < replay.requests) return;
      answered = true;
      void write(socket, replay);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  origin = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  await new Promise((resolve) => server.close(resolve));
});

async function write(socket: Socket, r: Replay): Promise<void> {
  const points = [0, ...(r.cuts ?? []), r.bytes.length];
  for (let i = 0; i + 1 < points.length; i++) {
    if (socket.destroyed) return;
    if (i > 0) await new Promise((resolve) => setTimeout(resolve, r.gapMs ?? 2));
    socket.write(r.bytes.subarray(points[i], points[i + 1]));
  }
  if (r.closeAfter) socket.end();
}

/** Recorded headers only, repeats folded the way the framer folds them. */
function recorded(headers: IncomingHttpHeaders | null): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (value === undefined || !RECORDED_HEADERS.includes(name)) continue;
    if (name === 'set-cookie') out[name] = Array.isArray(value) ? value : [value];
    else out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

const framed = (o: Outcome): Framed =>
  o.error ? { error: classifyError(o.error) } : { status: o.status, bytes: o.bytes, headers: recorded(o.headers) };

async function viaHttp1(methods: readonly string[], timeoutMs = 2000): Promise<Framed[]> {
  const client = new Http1Client({ connections: 1, pipelining: methods.length, timeoutMs });
  try {
    return await Promise.all(
      methods.map(
        (method) =>
          new Promise<Framed>((resolve) =>
            client.send({ origin, method, path: '/', headers: {} }, (o) => resolve(framed(o))),
          ),
      ),
    );
  } finally {
    await client.close();
  }
}

async function viaUndici(methods: readonly string[], timeoutMs = 2000): Promise<Framed[]> {
  const client = new Client(origin, { pipelining: methods.length, headersTimeout: timeoutMs, bodyTimeout: timeoutMs });
  try {
    return await Promise.all(methods.map((method) => undiciRequest(client, method)));
  } finally {
    await client.destroy().catch(() => undefined);
  }
}

function undiciRequest(client: Client, method: string): Promise<Framed> {
  return new Promise((resolve) => {
    let status = 0;
    let headers: IncomingHttpHeaders = {};
    let bytes = 0;
    const handler: Dispatcher.DispatchHandler = {
      onRequestStart: () => undefined,
      onResponseStart: (_c, code, h) => {
        status = code;
        headers = h;
      },
      onResponseData: (_c, chunk) => void (bytes += chunk.length),
      onResponseEnd: () => resolve({ status, bytes, headers: recorded(headers) }),
      onResponseError: (_c, err) => resolve({ error: classifyError(err) }),
    };
    // Not blocking: undici pipelines only then.
    client.dispatch({ method: method as Dispatcher.HttpMethod, path: '/', blocking: false }, handler);
  });
}

function viaNodeHttp(method: string, timeoutMs = 2000): Promise<Framed> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (f: Framed): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(f);
    };
    const req = httpRequest(`${origin}/`, { method, agent: false }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => void (bytes += chunk.length));
      res.on('end', () => settle({ status: res.statusCode ?? 0, bytes, headers: recorded(res.headers) }));
      res.on('error', (err) => settle({ error: classifyError(err) }));
      // Cut short: node:http ends the response without an error event, only incomplete.
      res.on('close', () => res.complete || settle({ error: classifyError({ code: 'ECONNRESET' }) }));
    });
    const timer = setTimeout(() => req.destroy(new RequestTimeoutError(timeoutMs)), timeoutMs);
    req.on('error', (err) => settle({ error: classifyError(err) }));
    req.end();
  });
}

/** llhttp's reading of the case: node:http for one request, undici when they are pipelined. */
async function viaReference(methods: readonly string[]): Promise<Framed[]> {
  return methods.length === 1 ? [await viaNodeHttp(methods[0]!)] : viaUndici(methods);
}

const expected = (c: CorpusCase): Framed[] => c.expect.map((e) => ('error' in e ? { error: e.error } : { ...e }));

/** undici closes the connection after a HEAD instead of reading on, so the reference answers only the HEAD. */
const forReference = (c: CorpusCase): CorpusCase =>
  c.methods[0] === 'HEAD' ? { ...c, methods: ['HEAD'], expect: c.expect.slice(0, 1) } : c;

describe('the HTTP/1.1 client and llhttp agree on the corpus', () => {
  for (const c of CORPUS) {
    it(c.name, async () => {
      replay = { bytes: c.bytes, requests: c.methods.length, closeAfter: c.closeAfter };
      const mine = await viaHttp1(c.methods);
      const ref = forReference(c);
      replay = { bytes: c.bytes, requests: ref.methods.length, closeAfter: c.closeAfter };
      const theirs = await viaReference(ref.methods);
      expect(mine).toEqual(expected(c));
      expect(theirs).toEqual(expected(ref));
    });
  }

  it('agree however the server cuts its writes (fast-check)', async () => {
    const cases = CORPUS.filter((c) => c.bytes.length < 4096);
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 0, max: cases.length - 1 }),
        fc.uniqueArray(fc.integer({ min: 1, max: 4095 }), { minLength: 1, maxLength: 6 }),
        async (which, raw) => {
          const c = forReference(cases[which]!);
          const cuts = [...new Set(raw.map((x) => x % c.bytes.length).filter((x) => x > 0))].sort((a, b) => a - b);
          replay = { bytes: c.bytes, requests: c.methods.length, closeAfter: c.closeAfter, cuts, gapMs: 1 };
          const mine = await viaHttp1(c.methods);
          const theirs = await viaReference(c.methods);
          expect(mine).toEqual(theirs);
          expect(mine).toEqual(expected(c));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('slow-loris headers: both give up at the deadline with a timeout', async () => {
    const cuts = Array.from({ length: SLOW_LORIS.length - 1 }, (_, i) => i + 1);
    replay = { bytes: SLOW_LORIS, requests: 1, cuts, gapMs: 40 };
    const started = performance.now();
    expect(await viaHttp1(['GET'], 300)).toEqual([{ error: 'timeout' }]);
    expect(performance.now() - started).toBeLessThan(300 + 400);
    expect(await viaUndici(['GET'], 300)).toEqual([{ error: 'timeout' }]);
  });
});
