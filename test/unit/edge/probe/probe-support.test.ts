import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../../src/config/load.js';
import { ConfigError } from '../../../../src/errors.js';
import { describeProbeError, ProbeTimeout } from '../../../../src/edge/probe/probe-errors.js';
import { emptyProbeResult } from '../../../../src/edge/probe/probe-result.js';
import { colorWanted, renderProbeTable } from '../../../../src/edge/probe/probe-table.js';
import { probeTargetsFromConfig, resolveAgainst } from '../../../../src/edge/probe/probe-targets.js';

describe('probeTargetsFromConfig', () => {
  it('takes GET endpoints and edge.probe paths under the target, once each', () => {
    const config = validateConfig({
      target: 'https://staging.example.test/app/',
      endpoints: [{ path: '/' }, { method: 'POST', path: '/orders' }, { path: 'https://cdn.example.test/x.css' }],
      edge: { probe: ['/static/site.css', '/'] },
    });
    expect(probeTargetsFromConfig(config)).toEqual([
      'https://staging.example.test/app/',
      'https://cdn.example.test/x.css',
      'https://staging.example.test/app/static/site.css',
    ]);
  });

  it('needs a target for relative paths', () => {
    expect(() => resolveAgainst(undefined, '/x')).toThrow(ConfigError);
  });
});

describe('describeProbeError', () => {
  const step = (name: string, stage: 'connecting' | 'headers' | 'body') => ({ name, stage });

  it('says where a timeout hit', () => {
    expect(describeProbeError(new ProbeTimeout(2500), step('request', 'body'))).toBe(
      'timed out after 2.5s reading the body (the response never ended)',
    );
    expect(describeProbeError(new ProbeTimeout(3000), step('repeat request', 'headers'))).toBe(
      'repeat request: timed out after 3s waiting for the response headers',
    );
  });

  it('translates socket, parser and TLS errors', () => {
    const err = (name: string, code: string | undefined, message: string) =>
      Object.assign(new Error(message), { name, code });
    expect(
      describeProbeError(
        Object.assign(new Error('x'), { cause: { code: 'ECONNREFUSED' } }),
        step('request', 'headers'),
      ),
    ).toMatch(/connection refused/);
    expect(
      describeProbeError(
        err(
          'HTTPParserError',
          undefined,
          'Response does not match the HTTP/1.1 protocol (Expected HTTP/, RTSP/ or ICE/)',
        ),
        step('request', 'headers'),
      ),
    ).toBe('not an HTTP service: the answer does not start with HTTP/ (Expected HTTP/, RTSP/ or ICE/)');
    expect(
      describeProbeError(
        err('HTTPParserError', undefined, 'Response does not match the HTTP/1.1 protocol (Invalid header token)'),
        step('request', 'headers'),
      ),
    ).toBe('malformed HTTP response (Invalid header token)');
    expect(
      describeProbeError(
        err('Error', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate'),
        step('TLS handshake', 'connecting'),
      ),
    ).toBe('TLS certificate not trusted (DEPTH_ZERO_SELF_SIGNED_CERT): pass --ca FILE or --insecure');
  });
});

describe('probe table', () => {
  it('honours NO_COLOR and FORCE_COLOR', () => {
    expect(colorWanted({ NO_COLOR: '1' }, true)).toBe(false);
    expect(colorWanted({}, true)).toBe(true);
    expect(colorWanted({}, false)).toBe(false);
    expect(colorWanted({ FORCE_COLOR: '1' }, false)).toBe(true);
    expect(colorWanted({ TERM: 'dumb' }, true)).toBe(false);
  });

  it('shows an unreachable URL with its error and no colour codes when colour is off', () => {
    const r = {
      ...emptyProbeResult('http://127.0.0.1:1/'),
      error: 'connection refused (nothing listens on that port)',
    };
    const text = renderProbeTable([r], { color: false });
    expect(text).toContain('connection refused');
    expect(text).toContain('ERROR connection refused');
    expect(text).not.toMatch(/\u001b\[/);
  });
});
