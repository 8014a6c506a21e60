/**
 * Every edge rule, driven both ways by real evidence from whole runs:
 *   healthy  a real nginx terminating TLS with HTTP/2, proxy_cache and X-Cache-Status in front of an origin that
 *            sends public Cache-Control, an ETag and br/gzip: every edge rule passes
 *   broken   the origin straight (no cache): a public page with Set-Cookie, a page without any policy, validator or
 *            compression, and a probed https edge that speaks HTTP/1.1 only: every edge rule warns or fails
 * Neither config sets an Accept-Encoding header: the tool's default offer (br, gzip) is what gets judged.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/load.js';
import type { ConfigInput } from '../../../src/config/schema.js';
import { probeUrls } from '../../../src/edge/probe/probe.js';
import type { Finding, RunResult } from '../../../src/result/run-result.js';
import { startRun } from '../../../src/run/pipeline.js';
import { type EdgeServer, type RunningServer, startEdgeServer, startSecureServer } from '../../support/edge-servers.js';
import { type Nginx, startNginx } from '../../support/nginx.js';
import { makeSelfSignedCert, type SelfSignedCert } from '../../support/tls-cert.js';

/** 85 bytes of text without repetition: gzip makes it larger. */
const TINY = createHash('sha512').update('tiny').digest('base64').slice(0, 85);

let origin: EdgeServer;
let oldEdge: RunningServer;
let nginx: Nginx;
let cert: SelfSignedCert;
let healthy: RunResult;
let broken: RunResult;

const run = (input: ConfigInput): Promise<RunResult> => startRun(validateConfig(input)).result;
const finding = (r: RunResult, id: string): Finding => {
  const f = r.findings.find((x) => x.id === id);
  if (!f) throw new Error(`no finding ${id}`);
  return f;
};

beforeAll(async () => {
  cert = makeSelfSignedCert();
  origin = await startEdgeServer();
  oldEdge = await startSecureServer({ key: cert.key, cert: cert.cert, http1Only: true });
  nginx = await startNginx({
    listen: 'ssl http2',
    http: `
      proxy_cache_path {prefix}/cache levels=1:2 keys_zone=edge:1m max_size=10m inactive=10m use_temp_path=off;
      gzip on; gzip_min_length 1; gzip_types text/plain;`,
    server: `
      ssl_certificate ${cert.certPath};
      ssl_certificate_key {prefix}/key.pem;
      location = /tiny.txt { add_header Vary Accept-Encoding; }
      location / {
        proxy_pass ${origin.url};
        proxy_cache edge;
        proxy_cache_key $uri;
        proxy_cache_valid 200 5m;
        add_header X-Cache-Status $upstream_cache_status always;
      }`,
    files: { 'key.pem': cert.key, 'html/tiny.txt': TINY },
  });
  const edgeUrl = `https://127.0.0.1:${nginx.port}`;
  healthy = await run({
    target: edgeUrl,
    insecure: true,
    endpoints: [{ name: 'page', path: '/good' }],
    load: { rate: 20, duration: '2s' },
  });
  broken = await run({
    target: origin.url,
    endpoints: [
      { name: 'cookie-page', path: '/cookie-public' },
      { name: 'bare-page', path: '/no-validators' },
    ],
    edge: { probe: [`https://127.0.0.1:${oldEdge.port}/good`] },
    insecure: true,
    load: { rate: 20, duration: '2s' },
  });
}, 60_000);

afterAll(async () => {
  await nginx?.stop();
  await origin?.close();
  await oldEdge?.close();
  cert?.remove();
});

const EDGE_RULES = [
  'edge.cache-control',
  'edge.validators',
  'edge.compression',
  'edge.protocol',
  'edge.offload',
  'edge.cookie-on-cacheable',
];

describe('a healthy edge: nginx with TLS, HTTP/2, a cache and compression', () => {
  it.each(EDGE_RULES)('%s passes', (id) => {
    expect(finding(healthy, id), finding(healthy, id).message).toMatchObject({ status: 'pass' });
  });

  it('judges compression by what the requests carried: the default br, gzip offer is on record', () => {
    expect(healthy.plan.endpoints[0]?.accept_encoding).toBe('br, gzip');
    expect(healthy.evidence.edge?.per_endpoint.page?.content_encoding.br).toBeGreaterThan(0);
    expect(finding(healthy, 'edge.compression').message).toMatch(/^text responses compressed on \d+ path/);
  });

  it('counts each cacheable response once, however many directives it carries', () => {
    const edge = healthy.evidence.edge!;
    expect(edge.cacheable_responses).toBe(edge.responses);
    expect(finding(healthy, 'edge.cookie-on-cacheable').message).toMatch(
      new RegExp(`^${edge.responses} cacheable responses`),
    );
  });

  it('a tiny body that gzip made larger is called that, and br is not claimed to be smaller', async () => {
    const [tiny] = await probeUrls([`https://127.0.0.1:${nginx.port}/tiny.txt`], { insecure: true, timeoutMs: 5000 });
    const f = tiny!.findings.find((x) => x.id === 'edge.compression')!;
    expect(tiny!.compression.used).toBe('gzip');
    expect(f.message).toMatch(/^gzip \(85 B → \d+ B\): compression made this small body larger/);
    expect(f.message).not.toMatch(/would be smaller/);
    expect(f.message).toMatch(/br was offered, the server answered gzip/);
  });
});

describe('a broken edge: no cache, cookies on public pages, no policy, HTTP/1.1', () => {
  const expected: Record<string, 'warn' | 'fail'> = {
    'edge.cache-control': 'warn',
    'edge.validators': 'warn',
    'edge.compression': 'warn',
    'edge.protocol': 'warn',
    'edge.offload': 'warn',
    'edge.cookie-on-cacheable': 'fail',
  };
  it.each(Object.entries(expected))('%s: %s', (id, status) => {
    expect(finding(broken, id), finding(broken, id).message).toMatchObject({ status });
  });

  it('names what is wrong where', () => {
    const cookies = broken.evidence.edge!.per_endpoint['cookie-page']!.responses;
    expect(finding(broken, 'edge.cookie-on-cacheable').message).toContain(`sessionid (${cookies}×)`);
    expect(finding(broken, 'edge.compression').message).toMatch(/uncompressed text responses on bare-page/);
    expect(finding(broken, 'edge.cache-control').message).toMatch(/no Cache-Control on bare-page/);
    expect(finding(broken, 'edge.validators').message).toMatch(/no ETag\/Last-Modified on .*bare-page/);
    expect(finding(broken, 'edge.protocol').message).toMatch(/HTTP\/1\.1 only/);
    expect(finding(broken, 'edge.offload').message).toMatch(/no response served from a cache/);
  });
});
