import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EdgeRecorder, mergeEdgeEvidence } from '../../../src/edge/edge-recorder.js';

type Headers = Record<string, string | string[]>;

describe('EdgeRecorder.observe', () => {
  it('measures offload and bytes from cache overall and per endpoint', () => {
    const r = new EdgeRecorder();
    r.observe('home', 200, { 'x-cache': 'Hit from cloudfront' }, 1000);
    r.observe('home', 200, { 'x-cache': 'Miss from cloudfront' }, 1000);
    r.observe('home', 200, { age: '30' }, 500);
    r.observe('api', 200, {}, 200);
    const ev = r.evidence();
    expect(ev).toMatchObject({ responses: 4, hits: 2, offload_ratio: 0.5, bytes_total: 2700, bytes_from_cache: 1500 });
    expect(ev.cache_status).toEqual({ HIT: 2, MISS: 1, NONE: 1 });
    expect(ev.per_endpoint.home).toMatchObject({ responses: 3, hits: 2, bytes_from_cache: 1500 });
    expect(ev.per_endpoint.home!.offload_ratio).toBeCloseTo(2 / 3, 12);
    expect(ev.per_endpoint.api).toMatchObject({ responses: 1, hits: 0, offload_ratio: 0 });
  });

  it('leaves offload_ratio out when nothing was observed (not measured)', () => {
    const ev = new EdgeRecorder().evidence();
    expect('offload_ratio' in ev).toBe(false);
    expect(ev.responses).toBe(0);
  });

  it('counts each shared-cacheable response once, however many directives it carries, and merges exactly', () => {
    const r = new EdgeRecorder();
    r.observe('page', 200, { 'cache-control': 'public, max-age=300' }, 10);
    r.observe('page', 200, { 'cache-control': 'public, s-maxage=60, max-age=30' }, 10);
    r.observe('me', 200, { 'cache-control': 'private, max-age=60' }, 10);
    r.observe('page', 500, { 'cache-control': 'public, max-age=300' }, 10);
    const ev = r.evidence();
    expect(ev.cacheable_responses).toBe(2);
    expect(mergeEdgeEvidence(ev, ev).cacheable_responses).toBe(4);
  });

  it('counts each Cache-Control directive once per response, and responses without one', () => {
    const r = new EdgeRecorder();
    r.observe('a', 200, { 'cache-control': 'public, max-age=60, max-age=30' }, 0);
    r.observe('a', 200, { 'cache-control': 'public, max-age=60' }, 0);
    r.observe('a', 200, { 'cache-control': 'public, max-age=60' }, 0);
    r.observe('a', 200, { 'cache-control': 'private, no-store' }, 0);
    r.observe('a', 200, {}, 0);
    const ev = r.evidence();
    expect(ev.cache_control).toEqual({ public: 3, 'max-age': 3, private: 1, 'no-store': 1 });
    expect(ev.cache_control_missing).toBe(1);
    expect(ev.per_endpoint.a!.cache_control).toBe('public, max-age=60'); // the most frequent policy
    expect(ev.per_endpoint.a!.cache_control_values).toEqual({
      'public, max-age=60, max-age=30': 1,
      'public, max-age=60': 2,
      'private, no-store': 1,
    });
  });

  it('counts Set-Cookie names, flags affinity and marks cookies on otherwise public responses', () => {
    const r = new EdgeRecorder();
    r.observe(
      'a',
      200,
      { 'cache-control': 'public, max-age=60', 'set-cookie': ['sessionid=1; Path=/', 'AWSALB=x; Path=/'] },
      0,
    );
    r.observe('a', 200, { 'cache-control': 'private', 'set-cookie': 'sessionid=2' }, 0);
    // 500 is not cacheable
    r.observe('a', 500, { 'cache-control': 'public, max-age=60', 'set-cookie': 'sessionid=3' }, 0);
    expect(r.evidence().cookies).toEqual([
      { name: 'sessionid', affinity: false, count: 3, on_cacheable: 1 },
      { name: 'AWSALB', affinity: true, count: 1, on_cacheable: 1 },
    ]);
  });

  it('counts Vary fields, and separately on cacheable responses', () => {
    const r = new EdgeRecorder();
    r.observe('a', 200, { 'cache-control': 's-maxage=60', vary: 'Accept-Encoding, Cookie' }, 0);
    r.observe('a', 200, { 'cache-control': 'no-store', vary: 'Cookie' }, 0);
    r.observe('a', 200, { vary: '*' }, 0);
    const ev = r.evidence();
    expect(ev.vary).toEqual({ 'accept-encoding': 1, cookie: 2, '*': 1 });
    expect(ev.vary_on_cacheable).toEqual({ 'accept-encoding': 1, cookie: 1 });
  });

  it('counts encodings, validators, tracing and Retry-After on 429/503 only', () => {
    const r = new EdgeRecorder();
    r.observe('a', 200, { 'content-encoding': 'br', etag: '"x"', traceparent: 't', 'x-request-id': 'r' }, 0);
    r.observe('a', 200, { 'content-encoding': 'gzip', 'last-modified': 'Tue, 01 Jan 2030 00:00:00 GMT' }, 0);
    r.observe('a', 429, { 'retry-after': '5', 'server-timing': 'app;dur=1' }, 0);
    r.observe('a', 503, {}, 0);
    r.observe('a', 500, { 'retry-after': '5' }, 0);
    const ev = r.evidence();
    expect(ev.content_encoding).toEqual({ br: 1, gzip: 1, identity: 3 });
    expect(ev.per_endpoint.a).toMatchObject({
      etag: 1,
      last_modified: 1,
      content_encoding: { br: 1, gzip: 1, identity: 3 },
    });
    expect(ev.tracing).toEqual({ traceparent: 1, request_id: 1, server_timing: 1, any: 2 });
    expect(ev.retry_after).toEqual({ with: 1, without: 1 });
  });

  it('bounds distinct cookie names but always keeps affinity cookies by name', () => {
    const r = new EdgeRecorder();
    for (let i = 0; i < 300; i++) r.observe('a', 200, { 'set-cookie': `c${i}=v` }, 0);
    r.observe('a', 200, { 'set-cookie': 'SERVERID=s1' }, 0);
    const cookies = r.evidence().cookies;
    expect(cookies).toHaveLength(258); // 256 names, "(other)" and SERVERID
    expect(cookies.find((c) => c.name === '(other)')!.count).toBe(44);
    expect(cookies.find((c) => c.name === 'SERVERID')).toMatchObject({ affinity: true, count: 1 });
  });

  // What it costs per call is a speed goal, measured by `npm run bench:edge`; here only that repeated calls on
  // the same (memoized) headers keep counting each response.
  it('counts every response when the same headers repeat on the hot path', () => {
    const r = new EdgeRecorder();
    const headers: Headers = { 'cache-control': 'public, max-age=60', 'x-cache': 'Hit', 'content-encoding': 'br' };
    const n = 1000;
    for (let i = 0; i < n; i++) r.observe('home', 200, headers, 1234);
    const ev = r.evidence();
    expect(ev.hits).toBe(n);
    expect(ev.content_encoding).toMatchObject({ br: n });
  });
});

const observation = fc.record({
  endpoint: fc.constantFrom('home', 'api', 'static'),
  status: fc.constantFrom(200, 200, 304, 404, 429, 503),
  bytes: fc.nat(100_000),
  headers: fc.record(
    {
      'cache-control': fc.constantFrom(
        'public, max-age=60',
        'private',
        'no-store',
        's-maxage=300, max-age=0',
        'max-age=31536000, immutable',
      ),
      'x-cache': fc.constantFrom('HIT', 'MISS', 'Hit from cloudfront', 'MISS, HIT'),
      age: fc.constantFrom('0', '5'),
      'content-encoding': fc.constantFrom('gzip', 'br'),
      vary: fc.constantFrom('Accept-Encoding', 'Cookie', '*', 'Accept-Encoding, Origin'),
      'set-cookie': fc.array(fc.constantFrom('sessionid=1', 'AWSALB=2', 'csrftoken=3; Path=/'), {
        minLength: 1,
        maxLength: 3,
      }),
      etag: fc.constant('"e"'),
      'retry-after': fc.constant('3'),
      traceparent: fc.constant('00-a-b-01'),
    },
    { requiredKeys: [] },
  ),
});

describe('mergeEdgeEvidence', () => {
  it('combines shards exactly as one recorder seeing every response, also through JSON', () => {
    fc.assert(
      fc.property(fc.array(observation, { maxLength: 60 }), fc.nat(), fc.nat(), (obs, cut1, cut2) => {
        const [i, j] = [cut1 % (obs.length + 1), cut2 % (obs.length + 1)].sort((a, b) => a - b) as [number, number];
        const whole = new EdgeRecorder();
        const parts = [new EdgeRecorder(), new EdgeRecorder(), new EdgeRecorder()];
        obs.forEach((o, k) => {
          whole.observe(o.endpoint, o.status, o.headers as Headers, o.bytes);
          parts[k < i ? 0 : k < j ? 1 : 2]!.observe(o.endpoint, o.status, o.headers as Headers, o.bytes);
        });
        const viaJson = parts.map((p) => JSON.parse(JSON.stringify(p.evidence())));
        expect(mergeEdgeEvidence(...viaJson)).toEqual(whole.evidence());
      }),
      { numRuns: 150 },
    );
  });

  it('merges into a live recorder and carries probe results along', () => {
    const a = new EdgeRecorder();
    a.observe('home', 200, { 'x-cache-status': 'HIT' }, 10);
    const b = new EdgeRecorder();
    b.observe('home', 200, { 'x-cache-status': 'MISS' }, 10);
    b.attachProbe([{ url: 'http://x/' }]);
    a.merge(b.evidence());
    const ev = a.evidence();
    expect(ev).toMatchObject({ responses: 2, hits: 1, offload_ratio: 0.5, probe: [{ url: 'http://x/' }] });
    expect(ev.per_endpoint.home).toMatchObject({
      responses: 2,
      hits: 1,
      offload_ratio: 0.5,
      cache_status: { HIT: 1, MISS: 1 },
    });
  });

  it('accepts per-endpoint stats without cache_control_values', () => {
    const merged = mergeEdgeEvidence({
      responses: 4,
      hits: 0,
      bytes_total: 0,
      bytes_from_cache: 0,
      cache_status: {},
      cache_control: {},
      content_encoding: {},
      cookies: [],
      vary: {},
      vary_on_cacheable: {},
      tracing: { traceparent: 0, request_id: 0, server_timing: 0 },
      retry_after: { with: 0, without: 0 },
      per_endpoint: {
        a: {
          responses: 4,
          hits: 0,
          offload_ratio: 0,
          cache_control: 'no-store',
          content_encoding: {},
          etag: 0,
          last_modified: 0,
        },
      },
    });
    expect(merged.per_endpoint.a!.cache_control).toBe('no-store');
    expect(merged.per_endpoint.a!.cache_control_values).toEqual({ 'no-store': 4 });
  });
});
