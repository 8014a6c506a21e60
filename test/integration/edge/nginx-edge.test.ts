/**
 * A real nginx with proxy_cache (X-Cache-Status), gzip and a static file with ETag, in front of a node origin:
 * a known request pattern through it must give exactly the offload EdgeRecorder measures, and probe must see
 * 304 revalidation, gzip and the cache filling.
 */
import { createServer, type Server } from 'node:http';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeUrls } from '../../../src/edge/probe/probe.js';
import { EdgeRecorder } from '../../../src/edge/edge-recorder.js';
import { startNginx, type Nginx } from '../../support/nginx.js';

const CSS = `${'.card { margin: 0 auto; padding: 1rem; color: #333; }\n'.repeat(80)}`;
const KEYS = 5;
const REPEATS = 4;
const BYPASSED = 10;
const STATIC = 5;

let origin: Server;
let originRequests = 0;
let nginx: Nginx;

beforeAll(async () => {
  origin = createServer((req, res) => {
    originRequests++;
    res.writeHead(200, { 'content-type': 'text/plain', 'cache-control': 'public, max-age=60' });
    res.end(`origin body for ${req.url}\n${'lorem ipsum dolor sit amet '.repeat(100)}`);
  });
  await new Promise<void>((resolve) => origin.listen(0, '127.0.0.1', resolve));
  const up = `127.0.0.1:${(origin.address() as { port: number }).port}`;
  nginx = await startNginx({
    http: `
      proxy_cache_path {prefix}/cache levels=1:2 keys_zone=edge:1m max_size=10m inactive=10m use_temp_path=off;
      gzip on; gzip_vary on; gzip_proxied any; gzip_min_length 256;
      gzip_types text/plain text/css application/json;`,
    server: `
      location /cached/ {
        proxy_pass http://${up};
        proxy_cache edge;
        proxy_cache_key $uri$is_args$args;
        add_header X-Cache-Status $upstream_cache_status always;
      }
      location /bypass/ {
        proxy_pass http://${up};
        proxy_cache edge;
        proxy_cache_bypass 1;
        proxy_no_cache 1;
        add_header X-Cache-Status $upstream_cache_status always;
      }
      location /static/ {
        add_header Cache-Control "public, max-age=31536000, immutable";
      }`,
    files: { 'html/static/app.css': CSS },
  });
}, 60_000);

afterAll(async () => {
  await nginx?.stop();
  await new Promise<void>((resolve) => (origin ? origin.close(() => resolve()) : resolve()));
});

async function drive(
  recorder: EdgeRecorder,
  endpoint: string,
  path: string,
): Promise<{ status: string | undefined; bytes: number }> {
  const res = await request(`${nginx.url}${path}`, { headers: { 'accept-encoding': 'br, gzip' } });
  let bytes = 0;
  for await (const chunk of res.body as AsyncIterable<Buffer>) bytes += chunk.length;
  recorder.observe(endpoint, res.statusCode, res.headers, bytes);
  return { status: res.headers['x-cache-status'] as string | undefined, bytes };
}

describe('EdgeRecorder behind a real nginx proxy_cache', () => {
  it('measures exactly the hit pattern of a known load', async () => {
    const recorder = new EdgeRecorder();
    originRequests = 0;
    let hitBytes = 0;
    // Each key: the first request misses and fills the cache, the next REPEATS-1 hit it.
    for (let k = 0; k < KEYS; k++) {
      for (let i = 0; i < REPEATS; i++) {
        const r = await drive(recorder, 'cached', `/cached/item?id=${k}`);
        expect(r.status).toBe(i === 0 ? 'MISS' : 'HIT');
        if (r.status === 'HIT') hitBytes += r.bytes;
      }
    }
    for (let i = 0; i < BYPASSED; i++) await drive(recorder, 'bypass', `/bypass/item?i=${i}`);
    for (let i = 0; i < STATIC; i++) await drive(recorder, 'static', '/static/app.css');

    const ev = recorder.evidence();
    const total = KEYS * REPEATS + BYPASSED + STATIC;
    const hits = KEYS * (REPEATS - 1);
    expect(originRequests).toBe(KEYS + BYPASSED); // the origin saw only the misses and bypasses
    expect(ev.responses).toBe(total);
    expect(ev.hits).toBe(hits);
    expect(ev.offload_ratio).toBeCloseTo(hits / total, 12);
    expect(ev.cache_status).toEqual({ MISS: KEYS, HIT: hits, BYPASS: BYPASSED, NONE: STATIC });
    expect(ev.per_endpoint.cached!.offload_ratio).toBeCloseTo((REPEATS - 1) / REPEATS, 12);
    expect(ev.per_endpoint.bypass!.offload_ratio).toBe(0);
    expect(ev.per_endpoint.static!).toMatchObject({
      responses: STATIC,
      hits: 0,
      etag: STATIC,
      last_modified: STATIC,
      cache_control: 'public, max-age=31536000, immutable',
    });
    expect(ev.per_endpoint.cached!.cache_control).toBe('public, max-age=60');
    expect(ev.bytes_from_cache).toBe(hitBytes);
    expect(ev.bytes_from_cache).toBeGreaterThan(0);
    expect(ev.content_encoding).toEqual({ gzip: total });
    expect(ev.vary).toEqual({ 'accept-encoding': total });
    expect(ev.cache_control).toMatchObject({ public: total, 'max-age': total, immutable: STATIC });
    expect(ev.cache_control_missing).toBe(0);
  });
});

describe('probe through nginx', () => {
  it('reports 304 revalidation, gzip with Vary and a long-lived static asset', async () => {
    const [r] = await probeUrls([`${nginx.url}/static/app.css`], { timeoutMs: 5000 });
    expect(r!.error).toBeNull();
    expect(r!.status).toBe(200);
    expect(r!.validators.etag).toMatch(/^(W\/)?"[0-9a-f]+-[0-9a-f]+"$/);
    expect(r!.validators.last_modified).not.toBeNull();
    expect(r!.validators.revalidates).toBe(true);
    expect(r!.compression).toMatchObject({
      offered: 'br, gzip',
      used: 'gzip',
      vary_accept_encoding: true,
      identity_bytes: CSS.length,
    });
    expect(r!.compression.bytes).toBeLessThan(CSS.length / 4);
    expect(r!.cache_control).toMatchObject({ public: true, max_age: 31536000, immutable: true });
    const byId = Object.fromEntries(r!.findings.map((f) => [f.id, f]));
    expect(byId['edge.cache-control']!.status).toBe('pass');
    expect(byId['edge.validators']!.message).toBe('conditional request with ETag answered 304 Not Modified');
    expect(byId['edge.compression']!.message).toContain('br was offered');
  });

  it('sees the cache fill: MISS, then HIT on the repeated request', async () => {
    const [r] = await probeUrls([`${nginx.url}/cached/probe-only`], { timeoutMs: 5000 });
    expect(r!.cache).toMatchObject({ status: 'MISS', repeat_status: 'HIT', hit_on_repeat: true });
    const [again] = await probeUrls([`${nginx.url}/bypass/probe-only`], { timeoutMs: 5000 });
    expect(again!.cache).toMatchObject({ status: 'BYPASS', repeat_status: 'BYPASS', hit_on_repeat: false });
  });
});
