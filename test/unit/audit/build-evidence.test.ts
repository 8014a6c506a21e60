import { describe, expect, it } from 'vitest';
import { buildEvidence } from '../../../src/audit/build-evidence.js';
import { makeEdgeEvidence, makeProbe, makeRunResult } from '../../support/fixtures.js';

describe('buildEvidence', () => {
  it('carries the run facts and the sources evidence, absent keys staying absent', () => {
    const result = makeRunResult({ target: 'https://shop.example.com', evidence: { edge: makeEdgeEvidence() } });
    const e = buildEvidence(result);
    expect(e.run).toMatchObject({ model: 'open', tls: true, partial: false, duration_s: 10 });
    expect(Object.keys(e.run.endpoints)).toEqual(['home', 'products']);
    expect(e.run.endpoints.products).toMatchObject({ method: 'GET', path: '/products', weight: 1 });
    expect(e.edge).toBe(result.evidence.edge);
    expect('db' in e).toBe(false);
    expect('drill' in e).toBe(false);
  });

  it('keeps only well-formed probe results', () => {
    const e = buildEvidence(
      makeRunResult({
        evidence: { edge: makeEdgeEvidence({ probe: [makeProbe('http://x/a'), { url: 'http://x/b' }, 'junk'] }) },
      }),
    );
    expect(e.probes.map((p) => p.url)).toEqual(['http://x/a']);
  });

  it('reads the Accept-Encoding each endpoint was sent from the stored config', () => {
    const e = buildEvidence(
      makeRunResult({
        config: {
          headers: { 'accept-encoding': 'gzip' },
          endpoints: [{ path: '/' }, { path: '/products', headers: { 'Accept-Encoding': 'br, gzip' } }],
        },
      }),
    );
    expect(e.run.endpoints.home!.accept_encoding).toBe('gzip');
    expect(e.run.endpoints.products!.accept_encoding).toBe('br, gzip');
    expect(buildEvidence(makeRunResult()).run.endpoints.home!.accept_encoding).toBeUndefined();
  });

  it('derives backpressure from the run when overload showed (429/503 vs timeouts and resets)', () => {
    const e = buildEvidence(
      makeRunResult({
        endpoints: [
          {
            name: 'home',
            path: '/',
            rps: 10,
            latency: () => 10,
            error: (_t, i) =>
              i === 0
                ? { class: 'http', status: 429 }
                : i === 1
                  ? { class: 'reset' }
                  : i === 2
                    ? { class: 'timeout' }
                    : null,
          },
        ],
        evidence: { edge: makeEdgeEvidence({ retry_after: { with: 6, without: 4 } }) },
      }),
    );
    expect(e.web.backpressure).toEqual({
      rejections: 10,
      rejections_with_retry_after: 6,
      timeouts_resets: 20,
      from: 'run',
    });
  });

  it('no overload, no backpressure evidence; reported evidence wins over derived', () => {
    expect(buildEvidence(makeRunResult()).web.backpressure).toBeUndefined();
    const reported = { rejections: 5, rejections_with_retry_after: 5, timeouts_resets: 1 };
    expect(buildEvidence(makeRunResult({ evidence: { web: { backpressure: reported } } })).web.backpressure).toEqual({
      ...reported,
      from: 'sources',
    });
  });

  it('names the session cookie from the recorded Set-Cookie names, with whether Redis was scanned', () => {
    const cookies = [
      { name: 'csrftoken', affinity: false, count: 120, on_cacheable: 0 },
      { name: 'sessionid', affinity: false, count: 116, on_cacheable: 0 },
    ];
    const result = makeRunResult({ evidence: { edge: makeEdgeEvidence({ cookies }) } });
    expect(buildEvidence(result).web.session_cookie).toEqual({ name: 'sessionid', responses: 116 });
    const redis = { id: 'redis', kind: 'redis', description: 'redis', series: [], gaps: [] };
    const scanned = { ...result, sources: { redis: { ...redis, deltas: { sessions: { pattern: '*', found: 3 } } } } };
    expect(buildEvidence(scanned).web.session_cookie?.redis).toEqual({
      scanned: true,
      scan: { pattern: '*', found: 3 },
    });
    const unscanned = { ...result, sources: { redis: { ...redis, deltas: {} } } };
    expect(buildEvidence(unscanned).web.session_cookie?.redis).toEqual({ scanned: false });
    const noSession = makeRunResult({ evidence: { edge: makeEdgeEvidence({ cookies: [cookies[0]!] }) } });
    expect(buildEvidence(noSession).web.session_cookie).toBeUndefined();
  });
});
