import { describe, expect, it } from 'vitest';
import { isCompressibleType, normalizeEncoding } from '../../../../src/edge/headers/encoding.js';
import { tracingKinds } from '../../../../src/edge/headers/tracing.js';
import { defeatsSharedCache, parseVary } from '../../../../src/edge/headers/vary.js';

describe('Vary', () => {
  it('lowercases and de-duplicates field names', () => {
    expect(parseVary('Accept-Encoding, Cookie,accept-encoding')).toEqual(['accept-encoding', 'cookie']);
  });

  it('says * and Cookie defeat a shared cache, Accept-Encoding does not', () => {
    expect(defeatsSharedCache(parseVary('*'))).toBe(true);
    expect(defeatsSharedCache(parseVary('Accept-Encoding, Cookie'))).toBe(true);
    expect(defeatsSharedCache(parseVary('Accept-Encoding, Origin'))).toBe(false);
  });
});

describe('Content-Encoding', () => {
  it('names absent or empty encoding identity', () => {
    expect(normalizeEncoding(undefined)).toBe('identity');
    expect(normalizeEncoding(' ')).toBe('identity');
    expect(normalizeEncoding('GZIP')).toBe('gzip');
    expect(normalizeEncoding('gzip,br')).toBe('gzip, br');
  });

  it('knows which media types are worth compressing', () => {
    expect(isCompressibleType('text/html; charset=utf-8')).toBe(true);
    expect(isCompressibleType('application/vnd.api+json')).toBe(true);
    expect(isCompressibleType('image/svg+xml')).toBe(true);
    expect(isCompressibleType('image/png')).toBe(false);
    expect(isCompressibleType('font/woff2')).toBe(false);
    expect(isCompressibleType(null)).toBe(false);
  });
});

describe('tracing headers', () => {
  it('finds traceparent, request ids under their common names and Server-Timing', () => {
    expect(
      tracingKinds({ traceparent: '00-abc-def-01', 'x-correlation-id': 'c', 'server-timing': 'db;dur=3' }),
    ).toEqual(['traceparent', 'request_id', 'server_timing']);
    expect(tracingKinds({ 'x-amzn-requestid': 'r' })).toEqual(['request_id']);
    expect(tracingKinds({ 'content-type': 'text/html' })).toEqual([]);
  });
});
