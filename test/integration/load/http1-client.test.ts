import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import { createServer as createTlsServer, type Server as TlsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { Http1Client } from '../../../src/load/http1/client.js';
import { classifyError } from '../../../src/load/classify-error.js';
import type { Outcome, TransportOptions, WireRequest } from '../../../src/load/transport.js';
import { makeSelfSignedCert, type SelfSignedCert } from '../../support/tls-cert.js';

let server: Server;
let tls: TlsServer;
let cert: SelfSignedCert;
let origin: string;
let tlsOrigin: string;
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/close') res.setHeader('connection', 'close');
    if (req.url === '/hang') return;
    res.setHeader('set-cookie', ['a=1', 'b=2']);
    res.end(`port ${req.socket.remotePort}`);
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  cert = makeSelfSignedCert();
  tls = createTlsServer({ key: cert.key, cert: cert.cert }, (_req, res) => res.end('secure'));
  await Promise.all([
    new Promise<void>((r) => server.listen(0, '127.0.0.1', r)),
    new Promise<void>((r) => tls.listen(0, '127.0.0.1', r)),
  ]);
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  tlsOrigin = `https://127.0.0.1:${(tls.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.destroy();
  server.closeAllConnections();
  tls.closeAllConnections();
  await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => tls.close(r))]);
  cert.remove();
});

const options = (o: Partial<TransportOptions> = {}): TransportOptions => ({
  connections: 2,
  pipelining: 1,
  timeoutMs: 2000,
  ...o,
});
const get = (path: string, o: Partial<WireRequest> = {}): WireRequest => ({
  origin,
  method: 'GET',
  path,
  headers: {},
  ...o,
});
const send = (client: Http1Client, request: WireRequest, lane?: number): Promise<Outcome> =>
  new Promise((resolve) => client.send(request, resolve, lane));

describe('Http1Client', () => {
  it('reuses a keep-alive connection per lane, and gives every set-cookie value and the kept body', async () => {
    const client = new Http1Client(options());
    const a = await send(client, get('/', { keepBody: 64 }), 0);
    const b = await send(client, get('/', { keepBody: 64 }), 0);
    const c = await send(client, get('/', { keepBody: 4 }), 1);
    const d = await send(client, get('/'), 1);
    await client.close();
    expect(a.status).toBe(200);
    expect(a.headers?.['set-cookie']).toEqual(['a=1', 'b=2']);
    expect(b.body?.toString()).toBe(a.body?.toString()); // same client port: the same connection
    expect(c.body?.toString()).toBe('port');
    expect(c.bytes).toBeGreaterThan(5);
    expect(d.body).toBeUndefined();
    expect(a.startedAt).toBeLessThanOrEqual(b.startedAt);
  });

  it('opens at most `connections` sockets per origin and queues the rest in order', async () => {
    const client = new Http1Client(options({ connections: 2 }));
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => send(client, get('/', { keepBody: 64 }))));
    await client.close();
    const ports = new Set(outcomes.map((o) => o.body?.toString()));
    expect(outcomes.every((o) => o.status === 200)).toBe(true);
    expect(ports.size).toBeLessThanOrEqual(2);
    expect(client.pending).toBe(0);
  });

  it('pipelines up to `pipelining` requests on one connection', async () => {
    const client = new Http1Client(options({ connections: 1, pipelining: 4 }));
    const outcomes = await Promise.all(Array.from({ length: 8 }, () => send(client, get('/', { keepBody: 64 }))));
    await client.close();
    expect(outcomes.map((o) => o.status)).toEqual(Array(8).fill(200));
    expect(new Set(outcomes.map((o) => o.body?.toString())).size).toBe(1);
  });

  it('opens a new connection after the server says Connection: close', async () => {
    const client = new Http1Client(options());
    const first = await send(client, get('/close', { keepBody: 64 }), 0);
    const second = await send(client, get('/', { keepBody: 64 }), 0);
    await client.close();
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(second.body?.toString()).not.toBe(first.body?.toString());
  });

  it('times out at the deadline (class timeout) and aborts what is left on abortAll', async () => {
    const client = new Http1Client(options({ timeoutMs: 200 }));
    const started = performance.now();
    const late = await send(client, get('/hang'));
    expect(classifyError(late.error)).toBe('timeout');
    expect(performance.now() - started).toBeLessThan(200 + 300);
    const aborted = send(client, get('/hang'));
    client.abortAll(new Error('run ended'));
    expect((await aborted).error?.message).toBe('run ended');
    expect(client.pending).toBe(0);
    await client.close();
  });

  it('TLS: refuses a self-signed certificate (class tls), accepts it with insecure or with it as the CA', async () => {
    const strict = new Http1Client(options());
    const refused = await send(strict, get('/', { origin: tlsOrigin }));
    await strict.close();
    expect(classifyError(refused.error)).toBe('tls');
    for (const trust of [{ insecure: true }, { ca: cert.cert }]) {
      const client = new Http1Client(options(trust));
      const ok = await send(client, get('/', { origin: tlsOrigin, keepBody: 16 }));
      await client.close();
      expect(ok.status).toBe(200);
      expect(ok.body?.toString()).toBe('secure');
    }
  });

  it('a request that cannot be serialized fails alone, class other', async () => {
    const client = new Http1Client(options());
    const bad = await send(client, get('/', { headers: { 'x-a': 'v\r\ninjected: 1' } }));
    const good = await send(client, get('/'));
    await client.close();
    expect(classifyError(bad.error)).toBe('other');
    expect(good.status).toBe(200);
  });
});
