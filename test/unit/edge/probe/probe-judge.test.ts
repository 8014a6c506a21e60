import { describe, expect, it } from 'vitest';
import { judgeProbe } from '../../../../src/edge/probe/probe-judge.js';
import { emptyProbeResult, type ProbeResult } from '../../../../src/edge/probe/probe-result.js';

type Patch = { [K in keyof ProbeResult]?: ProbeResult[K] extends object ? Partial<ProbeResult[K]> : ProbeResult[K] };

function result(patch: Patch, url = 'https://shop.test/'): ProbeResult {
  const base = emptyProbeResult(url);
  const out = { ...base, status: 200, protocol: 'h2', content_type: 'text/html' } as ProbeResult;
  for (const [k, v] of Object.entries(patch)) {
    const key = k as keyof ProbeResult;
    const prev = base[key];
    (out as unknown as Record<string, unknown>)[key] =
      prev && typeof prev === 'object' && !Array.isArray(prev) && v && typeof v === 'object' && !Array.isArray(v)
        ? { ...prev, ...v }
        : v;
  }
  return out;
}

const status = (r: ProbeResult, id: string) => judgeProbe(r).find((f) => f.id === id)?.status;

describe('judgeProbe', () => {
  it('judges nothing without a response', () => {
    expect(judgeProbe(result({ status: null, error: 'connection refused' }))).toEqual([]);
  });

  it('edge.cache-control: warns without policy, and on short-lived static assets', () => {
    expect(status(result({}), 'edge.cache-control')).toBe('warn');
    const css = (raw: string, extra: Patch['cache_control'] = {}) =>
      result({ content_type: 'text/css', cache_control: { raw, ...extra } }, 'https://shop.test/static/app.3f9a.css');
    expect(status(css('public, max-age=600', { public: true, max_age: 600 }), 'edge.cache-control')).toBe('warn');
    expect(status(css('public, max-age=86400', { public: true, max_age: 86400 }), 'edge.cache-control')).toBe('pass');
    expect(status(css('max-age=60, immutable', { max_age: 60, immutable: true }), 'edge.cache-control')).toBe('pass');
    expect(
      status(
        result({ cache_control: { raw: 'private, no-store', private: true, no_store: true } }),
        'edge.cache-control',
      ),
    ).toBe('pass');
  });

  it('does not judge caching or validators of an error page', () => {
    const r = result({ status: 500 });
    expect(status(r, 'edge.cache-control')).toBeUndefined();
    expect(status(r, 'edge.validators')).toBeUndefined();
    expect(status(r, 'obs.tracing')).toBe('warn');
  });

  it('edge.validators: pass on 304, warn when missing or not honoured', () => {
    expect(
      status(result({ validators: { etag: '"a"', revalidates: true, conditional_status: 304 } }), 'edge.validators'),
    ).toBe('pass');
    expect(
      status(
        result({ validators: { last_modified: 'x', revalidates: false, conditional_status: 200 } }),
        'edge.validators',
      ),
    ).toBe('warn');
    expect(status(result({}), 'edge.validators')).toBe('warn');
  });

  it('edge.compression: warns on big uncompressed text and on missing Vary, notes gzip where br was offered', () => {
    const big = result({ compression: { used: null, bytes: 50_000, identity_bytes: 50_000 } });
    expect(status(big, 'edge.compression')).toBe('warn');
    expect(status(result({ compression: { used: null, bytes: 300, identity_bytes: 300 } }), 'edge.compression')).toBe(
      'pass',
    );
    expect(
      status(
        result({ compression: { used: 'br', vary_accept_encoding: false, bytes: 900, identity_bytes: 5000 } }),
        'edge.compression',
      ),
    ).toBe('warn');
    const gzip = judgeProbe(
      result({ compression: { used: 'gzip', vary_accept_encoding: true, bytes: 900, identity_bytes: 5000 } }),
    ).find((f) => f.id === 'edge.compression')!;
    expect(gzip).toEqual({
      id: 'edge.compression',
      status: 'pass',
      message: 'gzip (4.9 KiB → 900 B); br was offered, the server answered gzip',
    });
    expect(
      status(result({ content_type: 'image/png', compression: { used: null, bytes: 90_000 } }), 'edge.compression'),
    ).toBeUndefined();
  });

  it('edge.protocol: only on https; h2 passes, http/1.1 warns', () => {
    expect(status(result({ protocol: 'h2' }), 'edge.protocol')).toBe('pass');
    expect(status(result({ protocol: 'http/1.1' }), 'edge.protocol')).toBe('warn');
    expect(status(result({ protocol: 'http/1.1' }, 'http://shop.test/'), 'edge.protocol')).toBeUndefined();
  });

  it('edge.cookie-on-cacheable: fails cookies or Vary */Cookie on a public response, ignores private ones', () => {
    const pub = { raw: 'public, max-age=60', public: true, max_age: 60 };
    expect(
      status(
        result({ cache_control: pub, cookies: [{ name: 'sessionid', affinity: false }] }),
        'edge.cookie-on-cacheable',
      ),
    ).toBe('fail');
    expect(status(result({ cache_control: pub, vary: ['cookie'] }), 'edge.cookie-on-cacheable')).toBe('fail');
    expect(status(result({ cache_control: pub, vary: ['accept-encoding'] }), 'edge.cookie-on-cacheable')).toBe('pass');
    expect(
      status(
        result({ cache_control: { raw: 'private', private: true }, cookies: [{ name: 'sessionid', affinity: false }] }),
        'edge.cookie-on-cacheable',
      ),
    ).toBeUndefined();
    expect(
      status(
        result({ cache_control: pub, status: 302, cookies: [{ name: 'sessionid', affinity: false }] }),
        'edge.cookie-on-cacheable',
      ),
    ).toBeUndefined();
  });

  it('obs.tracing and web.no-sticky', () => {
    expect(status(result({ tracing: ['server_timing'] }), 'obs.tracing')).toBe('pass');
    expect(status(result({ cookies: [{ name: 'GCLB', affinity: true }] }), 'web.no-sticky')).toBe('fail');
    expect(status(result({ cookies: [{ name: 'csrftoken', affinity: false }] }), 'web.no-sticky')).toBe('pass');
  });
});
