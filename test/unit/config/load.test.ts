import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/load.js';
import { ConfigError } from '../../../src/errors.js';
import { STARTER_CONFIG } from '../../../src/config/starter.js';
import { parse } from 'yaml';

const message = (input: unknown): string => {
  try {
    validateConfig(input);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('config validation', () => {
  it('names the path and the bad value', () => {
    expect(
      message({ target: 'http://x', endpoints: [{ path: '/a' }, { path: '/b' }, { path: '/c', weight: -1 }] }),
    ).toBe('endpoints[2].weight: expected a positive number, got -1');
  });

  it('rejects unknown fields with their path', () => {
    expect(message({ target: 'http://x', load: { rate: 5, durration: '5s' } })).toBe(
      'load.durration: unknown field, did you mean load.duration?',
    );
  });

  it('rejects wrong types and bad units', () => {
    expect(message({ target: 'http://x', load: { rate: 'fast' } })).toMatch(
      /^load\.rate: expected a positive number, got "fast"/,
    );
    expect(message({ target: 'http://x', load: { duration: '5 parsecs' } })).toMatch(
      /^load\.duration: expected a duration/,
    );
    expect(message({ target: 'http://x', slo: { error_rate: '150%' } })).toMatch(/^slo\.error_rate: /);
    expect(message({ target: 'ftp://x' })).toMatch(/^target: expected an http\(s\) URL/);
  });

  it('checks the metrics words: a port, an http(s) remote-write URL', () => {
    expect(message({ target: 'http://x', metrics: { port: 70000 } })).toMatch(/^metrics\.port: /);
    expect(message({ target: 'http://x', metrics: { remote_write: 'prom:9090' } })).toMatch(
      /^metrics\.remote_write: expected an http\(s\) URL/,
    );
    expect(message({ target: 'http://x', metrics: { push: true } })).toBe('metrics.push: unknown field');
    const ok = validateConfig({ target: 'http://x', metrics: { port: 9464, remote_write: 'http://127.0.0.1:9090/w' } });
    expect(ok.metrics).toEqual({ port: 9464, remote_write: 'http://127.0.0.1:9090/w' });
  });

  it('refuses two load models at once', () => {
    expect(message({ target: 'http://x', load: { rate: 5, connections: 2 } })).toMatch(/^load: set only one of/);
  });

  it('parses durations and ratios into ms and 0–1', () => {
    const c = validateConfig({
      target: 'http://x',
      load: { rate: 5, duration: '1m30s', warmup: 2 },
      slo: { p95: '300ms', error_rate: '1%' },
    });
    expect(c.load.duration).toBe(90_000);
    expect(c.load.warmup).toBe(2000);
    expect(c.slo.p95).toBe(300);
    expect(c.slo.error_rate).toBeCloseTo(0.01);
  });

  it('accepts the starter config that init writes', () => {
    const c = validateConfig(parse(STARTER_CONFIG));
    expect(c.endpoints.map((e) => e.name)).toEqual(['home', 'products', 'checkout']);
    expect(c.load.rate).toBe(50);
  });
});
