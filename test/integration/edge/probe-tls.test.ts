/** probe over TLS: ALPN h2 from a node:http2 server with a self-signed certificate made by the test. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeUrls } from '../../../src/edge/probe/probe.js';
import { startSecureServer, type RunningServer } from '../../support/edge-servers.js';
import { makeSelfSignedCert, type SelfSignedCert } from '../../support/tls-cert.js';

let cert: SelfSignedCert;
let h2: RunningServer;
let h1: RunningServer;

beforeAll(async () => {
  cert = makeSelfSignedCert();
  h2 = await startSecureServer({ key: cert.key, cert: cert.cert });
  h1 = await startSecureServer({ key: cert.key, cert: cert.cert, http1Only: true });
});

afterAll(async () => {
  await h2?.close();
  await h1?.close();
  cert?.remove();
});

describe('probe on https', () => {
  it('detects ALPN h2, Alt-Svc h3 and HSTS when the certificate is trusted with --ca', async () => {
    const [r] = await probeUrls([`${h2.url}/good`], { ca: cert.cert, timeoutMs: 5000 });
    expect(r!.error).toBeNull();
    expect(r!.protocol).toBe('h2');
    expect(r!.alt_svc_h3).toBe(true);
    expect(r!.hsts).toBe('max-age=63072000; includeSubDomains');
    expect(r!.status).toBe(200);
    expect(r!.validators.revalidates).toBe(true);
    expect(r!.compression.used).toBe('br');
    expect(r!.findings.find((f) => f.id === 'edge.protocol')).toEqual({
      id: 'edge.protocol',
      status: 'pass',
      message: 'HTTP/2 negotiated (ALPN h2); HTTP/3 advertised in Alt-Svc',
    });
  });

  it('accepts the self-signed certificate with --insecure', async () => {
    const [r] = await probeUrls([`${h2.url}/affinity`], { insecure: true, timeoutMs: 5000 });
    expect(r!.protocol).toBe('h2');
    expect(r!.cookies.map((c) => c.name)).toEqual(['AWSALB', 'AWSALBCORS']);
  });

  it('refuses an untrusted certificate with an error that says what to do', async () => {
    const [r] = await probeUrls([`${h2.url}/good`], { timeoutMs: 5000 });
    expect(r!.status).toBeNull();
    expect(r!.error).toMatch(
      /TLS certificate not trusted \(DEPTH_ZERO_SELF_SIGNED_CERT\): pass --ca FILE or --insecure/,
    );
  });

  it('warns on an HTTP/1.1-only TLS server', async () => {
    const [r] = await probeUrls([`${h1.url}/good`], { ca: cert.cert, timeoutMs: 5000 });
    expect(r!.protocol).toBe('http/1.1');
    expect(r!.status).toBe(200);
    expect(r!.findings.find((f) => f.id === 'edge.protocol')!.status).toBe('warn');
  });

  it('reports a plain-HTTP URL pointed at the TLS port as a failed request', async () => {
    const [r] = await probeUrls([`http://127.0.0.1:${h2.port}/good`], { timeoutMs: 3000 });
    expect(r!.status).toBeNull();
    expect(r!.error).toBe('connection closed before a complete HTTP response (not an HTTP service?)');
  });
});
