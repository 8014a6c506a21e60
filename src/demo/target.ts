/**
 * The demo's built-in target: endpoints with known behaviour on a free loopback port, so `scale-audit demo`
 * needs no services, no config and no network. The product views read the demo database (catalog.ts):
 *   GET  /api/products          the N+1 list: 1 + 10 queries per request, JSON, traced (X-Request-ID)
 *   GET  /api/products/joined   the same page in one JOIN
 *   GET  /api/products/deep     page 1900 with OFFSET (the same list statement as /api/products)
 *   GET  /api/search     ~120 ms, JSON
 * GET  /static/app.css cacheable: Cache-Control public + immutable, ETag (304 on If-None-Match), gzip,
 * X-Cache HIT after the first
 *   POST /api/checkout   ~60 ms; every 20th answers 503 with Retry-After (a known 5 % failure rate)
 * With `appToken`, the product views answer a request carrying it with their own query counts (Server-Timing).
 */
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import { gzipSync } from 'node:zlib';
import { randomUUID } from 'node:crypto';
import { DEEP_PAGE, listJoined, listPage, listWithNPlusOne } from './catalog.js';
import type { DemoDatabase } from './database.js';
import { carriesToken, CountingDb } from './app-timing.js';
import { formatAppSample } from '../app/app-sample.js';

export interface DemoTarget {
  url: string;
  close(): Promise<void>;
}

const CSS = Buffer.from(
  `body{font-family:system-ui;margin:0}${'.card{padding:1rem;border:1px solid #ddd}'.repeat(40)}`,
);
const CSS_GZ = gzipSync(CSS);
const CSS_ETAG = '"app-css-v1"';

export const DEMO_ROUTES = {
  products: { path: '/api/products' },
  productsJoined: { path: '/api/products/joined' },
  productsDeep: { path: '/api/products/deep' },
  search: { path: '/api/search', delayMs: 120 },
  asset: { path: '/static/app.css' },
  checkout: { path: '/api/checkout', delayMs: 60, failEvery: 20 },
} as const;

const productViews: Record<string, (db: DemoDatabase) => Promise<unknown[]>> = {
  [DEMO_ROUTES.products.path]: (db) => listWithNPlusOne(db),
  [DEMO_ROUTES.productsJoined.path]: (db) => listJoined(db),
  [DEMO_ROUTES.productsDeep.path]: (db) => listPage(db, DEEP_PAGE),
};

export function startDemoTarget(db: DemoDatabase, appToken?: string): Promise<DemoTarget> {
  let checkouts = 0;
  let assetServed = false;
  const json = (res: ServerResponse, body: unknown, status = 200, timing?: string): void => {
    res.writeHead(status, {
      'content-type': 'application/json',
      'cache-control': 'private, no-cache',
      'x-request-id': randomUUID(),
      ...(timing ? { 'server-timing': timing } : {}),
    });
    res.end(JSON.stringify(body));
  };
  const asset = (req: IncomingMessage, res: ServerResponse): void => {
    const headers: Record<string, string> = {
      'content-type': 'text/css',
      'cache-control': 'public, max-age=31536000, immutable',
      etag: CSS_ETAG,
      vary: 'Accept-Encoding',
      'x-cache': assetServed ? 'HIT' : 'MISS',
    };
    assetServed = true;
    if (req.headers['if-none-match'] === CSS_ETAG) return void res.writeHead(304, headers).end();
    const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
    res.writeHead(200, gzip ? { ...headers, 'content-encoding': 'gzip' } : headers).end(gzip ? CSS_GZ : CSS);
  };
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    req.resume();
    const view = productViews[path];
    if (view) {
      const counted = carriesToken(req, appToken) ? new CountingDb(db) : undefined;
      const timing = (): string | undefined => (counted ? formatAppSample(counted.sample()) : undefined);
      return void view(counted ?? db).then(
        (products) => json(res, { products }, 200, timing()),
        (err: Error) => json(res, { error: err.message }, 500, timing()),
      );
    }
    if (path === DEMO_ROUTES.search.path)
      return void setTimeout(() => json(res, { hits: 42 }), DEMO_ROUTES.search.delayMs);
    if (path === DEMO_ROUTES.asset.path) return asset(req, res);
    if (path === DEMO_ROUTES.checkout.path && req.method === 'POST') {
      checkouts += 1;
      const fail = checkouts % DEMO_ROUTES.checkout.failEvery === 0;
      return void setTimeout(() => {
        if (fail) {
          res.setHeader('retry-after', '1');
          return json(res, { error: 'busy' }, 503);
        }
        json(res, { order: checkouts }, 201);
      }, DEMO_ROUTES.checkout.delayMs);
    }
    json(res, { error: 'not found' }, 404);
  });
  server.keepAliveTimeout = 30_000;
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
