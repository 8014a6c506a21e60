/**
 * Loopback servers with known edge behaviour, for probe and EdgeRecorder tests: an HTTP server whose routes
 * each show one policy (or one misbehaviour), an HTTPS + HTTP/2 server, and raw TCP services that do not
 * speak HTTP properly. All listen on port 0 and close every connection on close().
 */
import { createHash } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createSecureServer, type Http2ServerRequest } from 'node:http2';
import { createServer as createTcpServer, type Socket } from 'node:net';
import { brotliCompressSync, gzipSync } from 'node:zlib';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

type Req = IncomingMessage | Http2ServerRequest;
/** Http2ServerResponse offers the same calls used here (writeHead, write, end, on). */
type Res = ServerResponse;

/** A page big enough that compression matters (about 6 KiB of repetitive HTML). */
const PARAGRAPH = '<p>scale-audit edge page, cacheable text repeated.</p>\n';
export const PAGE = `<!doctype html><html><body>${PARAGRAPH.repeat(110)}</body></html>`;
export const JSON_BODY = JSON.stringify({
  items: Array.from({ length: 120 }, (_, i) => ({ id: i, name: `item ${i}` })),
});

const etagOf = (body: string): string => `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;

/** Sends `body` honouring Accept-Encoding (br, then gzip) and If-None-Match, with the given headers. */
function sendCompressible(req: Req, res: Res, body: string, headers: Record<string, string | string[]>): void {
  const etag = etagOf(body);
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, { etag, ...pick(headers, 'cache-control', 'vary') });
    res.end();
    return;
  }
  const accept = String(req.headers['accept-encoding'] ?? '');
  const vary = { vary: 'Accept-Encoding' };
  if (/\bbr\b/.test(accept)) {
    res.writeHead(200, { ...headers, ...vary, etag, 'content-encoding': 'br' });
    res.end(brotliCompressSync(body));
  } else if (/\bgzip\b/.test(accept)) {
    res.writeHead(200, { ...headers, ...vary, etag, 'content-encoding': 'gzip' });
    res.end(gzipSync(body));
  } else {
    res.writeHead(200, { ...headers, ...vary, etag });
    res.end(body);
  }
}

function pick(h: Record<string, string | string[]>, ...names: string[]): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(h).filter(([k]) => names.includes(k)));
}

/** The routes of the edge-case server, by path. */
export function edgeRoutes(): (req: Req, res: Res) => void {
  const ageStart = new Map<string, number>();
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const html = { 'content-type': 'text/html; charset=utf-8' };
    switch (path) {
      case '/good':
        // A well-configured public page: br/gzip, ETag, public caching, tracing.
        return sendCompressible(req, res, PAGE, {
          ...html,
          'cache-control': 'public, max-age=300',
          'x-request-id': 'req-1',
          traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
        });
      case '/api/items':
        return sendCompressible(req, res, JSON_BODY, {
          'content-type': 'application/json',
          'cache-control': 'private, no-cache',
          'server-timing': 'db;dur=12',
        });
      case '/vary-star':
        res.writeHead(200, { ...html, 'cache-control': 'public, max-age=300', vary: '*', etag: etagOf('v') });
        return void res.end('vary star');
      case '/cookie-public':
        res.writeHead(200, {
          ...html,
          'cache-control': 'public, max-age=300',
          'set-cookie': ['sessionid=abc123; Path=/; HttpOnly', 'csrftoken=t0k; Path=/'],
          etag: etagOf('c'),
        });
        return void res.end('public page with cookies');
      case '/vary-cookie':
        res.writeHead(200, { ...html, 'cache-control': 's-maxage=60', vary: 'Accept-Encoding, Cookie' });
        return void res.end('one copy per visitor');
      case '/no-validators':
        res.writeHead(200, html);
        return void res.end(PAGE);
      case '/etag-ignored':
        // Sends an ETag but never answers 304.
        res.writeHead(200, { ...html, 'cache-control': 'no-cache', etag: etagOf('ignored') });
        return void res.end('always the full body');
      case '/affinity':
        res.writeHead(200, {
          ...html,
          'cache-control': 'private, no-store',
          'set-cookie': ['AWSALB=xyz; Path=/', 'AWSALBCORS=xyz; Path=/; SameSite=None; Secure'],
        });
        return void res.end('sticky');
      case '/static/app.css':
        res.writeHead(200, { 'content-type': 'text/css', 'cache-control': 'public, max-age=60', etag: etagOf('css') });
        return void res.end('body{color:red}');
      case '/age': {
        // Acts like a cache that only reports Age: the copy ages from the first request on.
        const first = ageStart.get(path) ?? Date.now();
        ageStart.set(path, first);
        res.writeHead(200, {
          'content-type': 'text/plain',
          'cache-control': 'public, max-age=600',
          age: String(Math.floor((Date.now() - first) / 1000)),
        });
        return void res.end('aged');
      }
      case '/huge-headers':
        res.writeHead(200, { 'content-type': 'text/plain', 'x-padding': 'a'.repeat(1024 * 1024) });
        return void res.end('never read');
      case '/never-ends':
        return trickleForever(res);
      case '/firehose':
        return streamFast(res, 64 * 1024 * 1024);
      case '/unavailable':
        res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '5' });
        return void res.end('busy');
      default:
        res.writeHead(404, { 'content-type': 'text/plain' });
        return void res.end('not found');
    }
  };
}

/** Headers, then a byte every 50 ms until the client goes away. */
function trickleForever(res: Res): void {
  res.writeHead(200, { 'content-type': 'text/plain' });
  const timer = setInterval(() => res.write('.'), 50);
  res.on('close', () => clearInterval(timer));
}

/** As fast as the client reads, up to `limit` bytes (a bound so the server cannot run away either). */
function streamFast(res: Res, limit: number): void {
  res.writeHead(200, { 'content-type': 'text/plain' });
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let sent = 0;
  const pump = (): void => {
    while (sent < limit && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
}

export interface EdgeServer extends RunningServer {
  /** Headers of the latest request for a path (what the probe actually sent). */
  lastRequest(path: string): IncomingMessage['headers'] | undefined;
}

export async function startEdgeServer(): Promise<EdgeServer> {
  const routes = edgeRoutes();
  const latest = new Map<string, IncomingMessage['headers']>();
  const server = createHttpServer((req, res) => {
    latest.set((req.url ?? '/').split('?')[0]!, req.headers);
    routes(req, res);
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    lastRequest: (path) => latest.get(path),
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

export interface SecureServerOptions {
  key: string;
  cert: string;
  /** Also answer HTTP/1.1 clients (ALPN http/1.1). Default true. */
  allowHTTP1?: boolean;
  /** node:https instead of node:http2: an HTTP/1.1-only TLS server. */
  http1Only?: boolean;
}

/** HTTPS with HTTP/2 (node:http2), the same routes, plus Alt-Svc h3 and HSTS on every response. */
export async function startSecureServer(opts: SecureServerOptions): Promise<RunningServer> {
  const routes = edgeRoutes();
  const sessions = new Set<{ destroy(): void }>();
  const handler = (req: Req, res: ServerResponse): void => {
    res.setHeader('strict-transport-security', 'max-age=63072000; includeSubDomains');
    res.setHeader('alt-svc', 'h3=":443"; ma=86400');
    routes(req, res);
  };
  const server = opts.http1Only
    ? createHttpsServer({ key: opts.key, cert: opts.cert }, handler)
    : createSecureServer({ key: opts.key, cert: opts.cert, allowHTTP1: opts.allowHTTP1 ?? true }, (req, res) =>
        handler(req, res as unknown as ServerResponse),
      );
  server.on('session', (s: { destroy(): void; on(e: 'close', cb: () => void): void }) => {
    sessions.add(s);
    s.on('close', () => sessions.delete(s));
  });
  const sockets = new Set<Socket>();
  server.on('secureConnection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const port = await listen(server);
  return {
    url: `https://127.0.0.1:${port}`,
    port,
    close: () => {
      for (const s of sessions) s.destroy();
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A TCP service that answers every connection with `greeting` (not HTTP, or broken HTTP), or stays silent. */
export async function startRawTcpServer(greeting: string | null): Promise<RunningServer> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    if (greeting !== null) socket.write(greeting);
  });
  const port = await listen(server);
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port with nothing listening (bound once, then released). */
export async function closedPort(): Promise<number> {
  const server = createTcpServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function listen(server: {
  listen(port: number, host: string, cb: () => void): unknown;
  address(): unknown;
  once(e: 'error', cb: (err: Error) => void): unknown;
}): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
}
