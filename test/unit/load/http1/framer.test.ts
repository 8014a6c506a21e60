import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { FramingError, IncompleteResponseError, ResponseFramer } from '../../../../src/load/http1/framer.js';
import { CORPUS, type CorpusCase } from '../../../support/http1-corpus.js';

type Framed = { status: number; bytes: number; headers: Record<string, unknown>; body?: string } | { error: string };

/** Feeds `chunks` for requests of `methods`; returns what each request got, like a connection would. */
function frame(
  chunks: readonly Buffer[],
  methods: readonly string[],
  opts: { closeAfter?: boolean; keepBody?: number; keepHeaders?: string[]; maxHeaderBytes?: number } = {},
): Framed[] {
  const out: Framed[] = [];
  const framer = new ResponseFramer(
    {
      expectation: () =>
        out.length < methods.length
          ? { head: methods[out.length] === 'HEAD', keepBody: opts.keepBody ?? 0, keepHeaders: opts.keepHeaders }
          : undefined,
      response: (r) =>
        out.push({
          status: r.status,
          bytes: r.bytes,
          headers: { ...r.headers },
          ...(r.body ? { body: r.body.toString() } : {}),
        }),
    },
    opts.maxHeaderBytes,
  );
  let error: Error | null = null;
  for (const chunk of chunks) {
    // The connection reuses its read buffer: give the framer a copy and scribble over it afterwards.
    const copy = Buffer.from(chunk);
    error = framer.feed(copy);
    copy.fill(0x7a);
    if (error) break;
  }
  if (!error && opts.closeAfter) error = framer.end();
  if (error) out.push({ error: error instanceof FramingError ? 'other' : 'reset' });
  while (out.length < methods.length && !('error' in (out[out.length - 1] ?? {}))) out.push({ error: 'pending' });
  return out.slice(0, methods.length);
}

const expected = (c: CorpusCase): Framed[] => c.expect.map((e) => ('error' in e ? { error: e.error } : { ...e }));

describe('ResponseFramer on the corpus', () => {
  for (const c of CORPUS) {
    it(`${c.name}: whole`, () => {
      expect(frame([c.bytes], c.methods, { closeAfter: c.closeAfter })).toEqual(expected(c));
    });
  }

  for (const c of CORPUS.filter((x) => x.bytes.length < 4096)) {
    it(`${c.name}: split at every byte boundary`, () => {
      for (let i = 1; i < c.bytes.length; i++) {
        const got = frame([c.bytes.subarray(0, i), c.bytes.subarray(i)], c.methods, { closeAfter: c.closeAfter });
        expect(got, `split at ${i}`).toEqual(expected(c));
      }
    });
  }

  it('agrees with itself however the bytes are cut (fast-check)', () => {
    const cases = CORPUS.filter((x) => x.bytes.length < 4096);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: cases.length - 1 }),
        fc.array(fc.integer({ min: 1, max: 4096 }), { minLength: 1, maxLength: 40 }),
        (which, cuts) => {
          const c = cases[which]!;
          const points = [...new Set(cuts.map((x) => x % c.bytes.length))].sort((a, b) => a - b);
          const chunks = [0, ...points].map((p, i, all) => c.bytes.subarray(p, all[i + 1] ?? c.bytes.length));
          expect(frame(chunks, c.methods, { closeAfter: c.closeAfter })).toEqual(expected(c));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('1 MB of headers fails at the header limit without reading them all, byte by byte too', () => {
    const big = CORPUS.find((c) => c.name === '1 MB of headers')!.bytes;
    const chunks = Array.from({ length: 64 }, (_, i) => big.subarray(i * 512, (i + 1) * 512));
    expect(frame(chunks, ['GET'], { maxHeaderBytes: 16 * 1024 })).toEqual([{ error: 'other' }]);
  });
});

describe('ResponseFramer details', () => {
  const ok = Buffer.from('HTTP/1.1 200 OK\r\nContent-Length: 10\r\nX-Csrf: tok\r\n\r\n0123456789');

  it('keeps the first keepBody bytes of the body and the headers a request asks for', () => {
    const got = frame([ok.subarray(0, 50), ok.subarray(50)], ['GET'], { keepBody: 4, keepHeaders: ['x-csrf'] });
    expect(got).toEqual([{ status: 200, bytes: 10, headers: { 'x-csrf': 'tok' }, body: '0123' }]);
  });

  it('trims whitespace around a value on both sides (RFC 9110 §5.5; llhttp keeps the trailing part)', () => {
    const padded = Buffer.from('HTTP/1.1 200 OK\r\nAge: \t 3 \t\r\nContent-Length: 0\r\n\r\n');
    expect(frame([padded], ['GET'])).toEqual([{ status: 200, bytes: 0, headers: { age: '3' } }]);
  });

  it('records only the listed headers otherwise', () => {
    expect(frame([ok], ['GET'])).toEqual([{ status: 200, bytes: 10, headers: {} }]);
  });

  it('a response nobody asked for is an error', () => {
    expect(frame([Buffer.concat([ok, ok])], ['GET'])[0]).toEqual({ status: 200, bytes: 10, headers: {} });
    const framer = new ResponseFramer({ expectation: () => undefined, response: () => undefined });
    expect(framer.feed(ok)).toBeInstanceOf(FramingError);
  });

  it('an EOF in the middle of a response is IncompleteResponseError; between responses nothing', () => {
    const mid = new ResponseFramer({ expectation: () => ({ head: false, keepBody: 0 }), response: () => undefined });
    expect(mid.feed(ok.subarray(0, 20))).toBeNull();
    expect(mid.end()).toBeInstanceOf(IncompleteResponseError);
    let n = 0;
    const idle = new ResponseFramer({ expectation: () => ({ head: false, keepBody: 0 }), response: () => void n++ });
    expect(idle.feed(ok)).toBeNull();
    expect(idle.end()).toBeNull();
    expect(n).toBe(1);
  });

  it('marks responses that close the connection and reads the keep-alive hint', () => {
    const seen: { close: boolean; keepAliveMs?: number }[] = [];
    const framer = new ResponseFramer({
      expectation: () => ({ head: false, keepBody: 0 }),
      response: (r) => seen.push({ close: r.close, keepAliveMs: r.keepAliveMs }),
    });
    framer.feed(Buffer.from('HTTP/1.1 200 OK\r\nKeep-Alive: timeout=7, max=100\r\nContent-Length: 0\r\n\r\n'));
    framer.feed(Buffer.from('HTTP/1.0 200 OK\r\nConnection: keep-alive\r\nContent-Length: 0\r\n\r\n'));
    framer.feed(Buffer.from('HTTP/1.1 200 OK\r\nConnection: Close\r\nContent-Length: 0\r\n\r\n'));
    expect(seen).toEqual([{ close: false, keepAliveMs: 7000 }, { close: false }, { close: true }]);
  });
});
