/** probe against loopback servers with one known policy or misbehaviour per path. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeUrls } from '../../../src/edge/probe/probe.js';
import type { ProbeResult } from '../../../src/edge/probe/probe-result.js';
import { closedPort, startEdgeServer, startRawTcpServer, type RunningServer } from '../../support/edge-servers.js';

let edge: RunningServer;
const raw: Record<string, RunningServer> = {};
const byPath = new Map<string, ProbeResult>();
let elapsedMs = 0;

const finding = (r: ProbeResult, id: string) => r.findings.find((f) => f.id === id);

beforeAll(async () => {
  edge = await startEdgeServer();
  raw.ssh = await startRawTcpServer('SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n');
  raw.silent = await startRawTcpServer(null);
  raw.malformed = await startRawTcpServer('HTTP/1.1 200 OK\r\nX Bad: y\r\nContent-Length: 2\r\n\r\nok');
  const paths = [
    '/good',
    '/api/items',
    '/vary-star',
    '/cookie-public',
    '/vary-cookie',
    '/no-validators',
    '/etag-ignored',
    '/affinity',
    '/static/app.css',
    '/age',
    '/huge-headers',
    '/never-ends',
    '/firehose',
  ];
  const urls = [
    ...paths.map((p) => edge.url + p),
    `${raw.ssh.url}/`,
    `${raw.silent.url}/`,
    `${raw.malformed.url}/`,
    `http://127.0.0.1:${await closedPort()}/`,
    `${edge.url}/good?token=s3cr3t-value-99`,
    `https://127.0.0.1:${edge.port}/good`,
  ];
  const start = Date.now();
  const results = await probeUrls(urls, { timeoutMs: 2500, concurrency: 4 });
  elapsedMs = Date.now() - start;
  results.forEach((r, i) =>
    byPath.set(
      i < paths.length
        ? paths[i]!
        : ['ssh', 'silent', 'malformed', 'refused', 'secret', 'tls-on-plain'][i - paths.length]!,
      r,
    ),
  );
}, 60_000);

afterAll(async () => {
  await edge?.close();
  for (const s of Object.values(raw)) await s.close();
});

describe('probe on a well-configured page', () => {
  it('reads status, protocol, policy, validators, br compression and tracing', () => {
    const r = byPath.get('/good')!;
    expect(r.error).toBeNull();
    expect(r.status).toBe(200);
    expect(r.protocol).toBe('http/1.1');
    expect(r.cache_control).toMatchObject({
      raw: 'public, max-age=300',
      public: true,
      max_age: 300,
      s_maxage: null,
      immutable: false,
      no_store: false,
    });
    expect(r.validators.etag).toMatch(/^"[0-9a-f]{16}"$/);
    expect(r.validators.revalidates).toBe(true);
    expect(r.compression.used).toBe('br');
    expect(r.compression.vary_accept_encoding).toBe(true);
    expect(r.compression.identity_bytes).toBeGreaterThan(5000);
    expect(r.compression.bytes).toBeLessThan(r.compression.identity_bytes! / 5);
    expect(r.tracing).toEqual(['traceparent', 'request_id']);
    expect(r.hsts).toBeNull(); // plain http
    for (const id of [
      'edge.cache-control',
      'edge.validators',
      'edge.compression',
      'edge.cookie-on-cacheable',
      'obs.tracing',
      'web.no-sticky',
    ]) {
      expect(finding(r, id)?.status, id).toBe('pass');
    }
    expect(finding(r, 'edge.protocol')).toBeUndefined(); // not measured on plain http
  });

  it('judges a private JSON API: compressed, not a cookie-on-cacheable case', () => {
    const r = byPath.get('/api/items')!;
    expect(r.compression.used).toBe('br');
    expect(r.cache_control.private).toBe(true);
    expect(finding(r, 'edge.cookie-on-cacheable')).toBeUndefined();
    expect(r.tracing).toEqual(['server_timing']);
  });
});

describe('probe on edge cases', () => {
  it('fails Vary: * on a public response', () => {
    const f = finding(byPath.get('/vary-star')!, 'edge.cookie-on-cacheable')!;
    expect(f.status).toBe('fail');
    expect(f.message).toContain('Vary: *');
    expect(byPath.get('/vary-star')!.vary).toEqual(['*']);
  });

  it('fails Set-Cookie on a public page and names the cookies', () => {
    const r = byPath.get('/cookie-public')!;
    expect(r.cookies).toEqual([
      { name: 'sessionid', affinity: false },
      { name: 'csrftoken', affinity: false },
    ]);
    const f = finding(r, 'edge.cookie-on-cacheable')!;
    expect(f.status).toBe('fail');
    expect(f.message).toContain('sessionid, csrftoken');
    expect(finding(r, 'web.no-sticky')!.status).toBe('pass');
  });

  it('fails Vary: Cookie on an s-maxage response', () => {
    const r = byPath.get('/vary-cookie')!;
    expect(r.vary).toEqual(['accept-encoding', 'cookie']);
    expect(finding(r, 'edge.cookie-on-cacheable')!.message).toContain('Vary: Cookie');
  });

  it('warns on missing validators, missing policy and an uncompressed page', () => {
    const r = byPath.get('/no-validators')!;
    expect(r.validators).toMatchObject({ etag: null, last_modified: null, revalidates: null });
    expect(finding(r, 'edge.validators')!.status).toBe('warn');
    expect(finding(r, 'edge.cache-control')!.status).toBe('warn');
    const c = finding(r, 'edge.compression')!;
    expect(c.status).toBe('warn');
    expect(c.message).toContain('uncompressed');
    expect(r.compression.used).toBeNull();
    expect(finding(r, 'obs.tracing')!.status).toBe('warn');
  });

  it('warns when an ETag is sent but 304 never comes', () => {
    const r = byPath.get('/etag-ignored')!;
    expect(r.validators.revalidates).toBe(false);
    expect(r.validators.conditional_status).toBe(200);
    expect(finding(r, 'edge.validators')!.message).toContain('got 200 instead of 304');
  });

  it('flags load-balancer affinity cookies', () => {
    const r = byPath.get('/affinity')!;
    expect(r.cookies).toEqual([
      { name: 'AWSALB', affinity: true },
      { name: 'AWSALBCORS', affinity: true },
    ]);
    expect(finding(r, 'web.no-sticky')).toMatchObject({ status: 'fail' });
    expect(finding(r, 'web.no-sticky')!.message).toContain('AWSALB, AWSALBCORS');
  });

  it('warns about a static asset cached for a minute', () => {
    const f = finding(byPath.get('/static/app.css')!, 'edge.cache-control')!;
    expect(f.status).toBe('warn');
    expect(f.message).toContain('60s');
  });

  it('sees a growing Age on the repeated request as a cache hit', () => {
    const r = byPath.get('/age')!;
    expect(r.cache.age).toBe(0);
    expect(r.cache.repeat_age).toBeGreaterThanOrEqual(1);
    expect(r.cache.hit_on_repeat).toBe(true);
  });
});

describe('probe on bad input', () => {
  it('reports 1 MB headers as an error without reading them', () => {
    const r = byPath.get('/huge-headers')!;
    expect(r.status).toBeNull();
    expect(r.error).toMatch(/headers too large/);
  });

  it('reports a response that never ends as a timeout while reading the body', () => {
    const r = byPath.get('/never-ends')!;
    expect(r.status).toBe(200);
    expect(r.error).toMatch(/timed out after 2\.5s reading the body/);
  });

  it('reads at most 1 MiB of an endless fast body', () => {
    const r = byPath.get('/firehose')!;
    expect(r.error).toBeNull();
    expect(r.compression.truncated).toBe(true);
    expect(r.compression.bytes).toBe(1024 * 1024);
  });

  it('names a non-HTTP service, a silent one, broken headers and a refused port', () => {
    expect(byPath.get('ssh')!.error).toMatch(/not an HTTP service/);
    expect(byPath.get('silent')!.error).toMatch(/timed out after 2\.5s waiting for the response headers/);
    expect(byPath.get('malformed')!.error).toBe('malformed HTTP response (Invalid header token)');
    expect(byPath.get('refused')!.error).toMatch(/connection refused/);
    expect(byPath.get('tls-on-plain')!.error).toMatch(/^TLS handshake failed: not a TLS service on that port\?/);
    for (const key of ['ssh', 'silent', 'malformed', 'refused', 'tls-on-plain']) {
      expect(byPath.get(key)!.status).toBeNull();
      expect(byPath.get(key)!.findings).toEqual([]);
    }
  });

  it('redacts secrets in the URL', () => {
    const r = byPath.get('secret')!;
    expect(r.url).toContain('token=***');
    expect(JSON.stringify(r)).not.toContain('s3cr3t-value-99');
  });

  it('keeps every URL within its deadline (4 at a time)', () => {
    // 19 URLs, 4 at a time, 2.5 s each at worst: far less than probing them one after another.
    expect(elapsedMs).toBeLessThan(15_000);
  });
});
