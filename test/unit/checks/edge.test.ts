import { expect } from 'vitest';
import { buildEvidence } from '../../../src/audit/build-evidence.js';
import { makeEdgeEvidence, makeProbe, makeRunResult } from '../../support/fixtures.js';
import { describeRules, healthyEvidence } from './rule-cases.js';

const base = healthyEvidence();
const withEdge = (overrides: Parameters<typeof makeEdgeEvidence>[0]) => ({
  ...base,
  edge: makeEdgeEvidence(overrides),
});
const noEdge = { ...base, edge: undefined, probes: [] };
const stat = (name: 'home' | 'products', overrides: object) => ({
  ...makeEdgeEvidence().per_endpoint,
  [name]: { ...makeEdgeEvidence().per_endpoint[name]!, ...overrides },
});

/** A run whose endpoints asked for compression (Accept-Encoding in the stored config). */
const compressed = (perEndpoint = makeEdgeEvidence().per_endpoint) =>
  buildEvidence(
    makeRunResult({
      config: { headers: { 'Accept-Encoding': 'br, gzip' }, endpoints: [{ path: '/' }, { path: '/products' }] },
      evidence: { edge: makeEdgeEvidence({ per_endpoint: perEndpoint }) },
    }),
  );
const probed = (
  url: string,
  findings: { id: string; status: 'pass' | 'warn' | 'fail'; message: string }[],
  extra = {},
) => ({ ...noEdge, probes: [makeProbe(url, { findings, ...extra })] });
const https = (probes: ReturnType<typeof makeProbe>[]) => ({
  ...buildEvidence(makeRunResult({ target: 'https://shop.example.com' })),
  probes,
});

describeRules(
  'edge',
  {
    'edge.cache-control': ['pass', 'warn', 'not-measured'],
    'edge.validators': ['pass', 'warn', 'not-measured'],
    'edge.compression': ['pass', 'warn', 'not-measured'],
    'edge.protocol': ['pass', 'warn', 'not-measured'],
    'edge.offload': ['pass', 'warn', 'not-measured'],
    'edge.cookie-on-cacheable': ['pass', 'fail', 'not-measured'],
  },
  [
    { rule: 'edge.cache-control', status: 'pass', name: 'every GET states a policy', evidence: base },
    {
      rule: 'edge.cache-control',
      status: 'warn',
      name: 'a GET without Cache-Control',
      evidence: withEdge({ per_endpoint: stat('home', { cache_control: undefined, cache_control_values: {} }) }),
      expect: (f) => {
        expect(f.message).toMatch(/no Cache-Control on home/);
        expect(f.remedy).toMatch(/on home/);
      },
    },
    {
      rule: 'edge.cache-control',
      status: 'warn',
      name: 'static asset cached for a minute only',
      evidence: buildEvidence(
        makeRunResult({
          endpoints: [{ name: 'css', path: '/static/app.3f2a.css', rps: 5, latency: () => 5 }],
          evidence: {
            edge: makeEdgeEvidence({
              per_endpoint: {
                css: { ...makeEdgeEvidence().per_endpoint.products!, cache_control: 'public, max-age=60' },
              },
            }),
          },
        }),
      ),
      expect: (f) => expect(f.message).toMatch(/static assets not long-lived: css/),
    },
    {
      rule: 'edge.cache-control',
      status: 'warn',
      name: 'the probe found a URL without a policy',
      evidence: probed('http://127.0.0.1:8000/about', [
        { id: 'edge.cache-control', status: 'warn', message: 'no Cache-Control' },
      ]),
      expect: (f) => expect(f.message).toMatch(/^\/about: no Cache-Control/),
    },
    { rule: 'edge.cache-control', status: 'not-measured', name: 'no headers, no probe', evidence: noEdge },

    { rule: 'edge.validators', status: 'pass', name: 'ETag everywhere', evidence: base },
    {
      rule: 'edge.validators',
      status: 'warn',
      name: 'no ETag nor Last-Modified on products',
      evidence: withEdge({ per_endpoint: stat('products', { etag: 0, last_modified: 0 }) }),
      expect: (f) => expect(f.remedy).toMatch(/ConditionalGetMiddleware.*to products/),
    },
    {
      rule: 'edge.validators',
      status: 'warn',
      name: 'probe: conditional request not answered 304',
      evidence: probed('http://127.0.0.1:8000/', [
        {
          id: 'edge.validators',
          status: 'warn',
          message: 'ETag is sent but a conditional request got 200 instead of 304',
        },
      ]),
    },
    { rule: 'edge.validators', status: 'not-measured', name: 'no headers', evidence: noEdge },

    { rule: 'edge.compression', status: 'pass', name: 'gzip and br where asked', evidence: compressed() },
    {
      rule: 'edge.compression',
      status: 'warn',
      name: 'identity on a 12 kB page although br, gzip was offered',
      evidence: compressed(stat('products', { content_encoding: { identity: 100 } })),
      expect: (f) => expect(f.message).toMatch(/uncompressed text responses on products/),
    },
    {
      rule: 'edge.compression',
      status: 'pass',
      name: 'tiny uncompressed bodies are not held against the server',
      evidence: compressed(stat('home', { content_encoding: { identity: 400 }, bytes_total: 400 * 120 })),
    },
    {
      rule: 'edge.compression',
      status: 'not-measured',
      name: 'the run offered no compression and nothing was probed',
      evidence: base,
    },
    {
      rule: 'edge.compression',
      status: 'pass',
      name: 'probe: gzip where br was offered is a note',
      evidence: probed('http://127.0.0.1:8000/', [{ id: 'edge.compression', status: 'pass', message: 'gzip' }], {
        compression: { ...makeProbe('x').compression, used: 'gzip' },
      }),
      expect: (f) => expect(f.message).toMatch(/note: gzip where br was offered/),
    },

    {
      rule: 'edge.protocol',
      status: 'pass',
      name: 'h2 at the TLS edge',
      evidence: https([makeProbe('https://shop.example.com/', { alt_svc_h3: true })]),
      expect: (f) => expect(f.message).toMatch(/HTTP\/3 advertised/),
    },
    {
      rule: 'edge.protocol',
      status: 'warn',
      name: 'HTTP/1.1 only',
      evidence: https([makeProbe('https://shop.example.com/', { protocol: 'http/1.1' })]),
      expect: (f) => expect(f.value).toBe('http/1.1'),
    },
    {
      rule: 'edge.protocol',
      status: 'not-measured',
      name: 'plain http target',
      evidence: base,
      expect: (f) => expect(f.message).toMatch(/plain http/),
    },
    {
      rule: 'edge.protocol',
      status: 'not-measured',
      name: 'https target not probed',
      evidence: https([]),
      expect: (f) => expect(f.message).toMatch(/not probed/),
    },

    {
      rule: 'edge.offload',
      status: 'pass',
      name: '12% with no target set',
      evidence: base,
      expect: (f) => expect(f.value).toBeCloseTo(0.12, 5),
    },
    {
      rule: 'edge.offload',
      status: 'warn',
      name: 'below edge.offload_target',
      evidence: base,
      config: { edge: { offload_target: '50%' } },
      expect: (f) => expect(f.message).toMatch(/< target 50%/),
    },
    {
      rule: 'edge.offload',
      status: 'pass',
      name: 'above edge.offload_target',
      evidence: base,
      config: { edge: { offload_target: '10%' } },
    },
    {
      rule: 'edge.offload',
      status: 'warn',
      name: 'nothing served from a cache',
      evidence: withEdge({ hits: 0, offload_ratio: 0 }),
    },
    { rule: 'edge.offload', status: 'not-measured', name: 'no headers', evidence: noEdge },

    { rule: 'edge.cookie-on-cacheable', status: 'pass', name: 'public responses without cookies', evidence: base },
    {
      rule: 'edge.cookie-on-cacheable',
      status: 'pass',
      name: 'each cacheable response counted once (public, max-age on 145 responses is 145)',
      evidence: withEdge({ cacheable_responses: 145, cache_control: { public: 145, 'max-age': 145 } }),
      expect: (f) => expect(f.message).toMatch(/^145 cacheable responses/),
    },

    {
      rule: 'edge.cookie-on-cacheable',
      status: 'fail',
      name: 'sessionid on public responses',
      evidence: withEdge({ cookies: [{ name: 'sessionid', affinity: false, count: 100, on_cacheable: 100 }] }),
      expect: (f) => expect(f.message).toMatch(/Set-Cookie sessionid \(100×\)/),
    },
    {
      rule: 'edge.cookie-on-cacheable',
      status: 'fail',
      name: 'Vary: Cookie on cacheable responses',
      evidence: withEdge({ vary_on_cacheable: { cookie: 100 } }),
      expect: (f) => expect(f.message).toMatch(/Vary: cookie on 100/),
    },
    {
      rule: 'edge.cookie-on-cacheable',
      status: 'not-measured',
      name: 'nothing cacheable',
      evidence: withEdge({ cache_control: { private: 500 } }),
    },
  ],
);
