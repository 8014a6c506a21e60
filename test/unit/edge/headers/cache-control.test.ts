import { describe, expect, it } from 'vitest';
import {
  isCacheableStatus,
  isLongLived,
  isPubliclyCacheable,
  parseCacheControl,
  sharedFreshness,
} from '../../../../src/edge/headers/cache-control.js';

describe('parseCacheControl', () => {
  it('reads flags and deltas, case-insensitively, in order', () => {
    const cc = parseCacheControl('Public, MAX-AGE=600, s-maxage=3600, immutable, stale-while-revalidate=30');
    expect(cc.directives).toEqual(['public', 'max-age', 's-maxage', 'immutable', 'stale-while-revalidate']);
    expect(cc).toMatchObject({
      public: true,
      private: false,
      max_age: 600,
      s_maxage: 3600,
      immutable: true,
      stale_while_revalidate: 30,
    });
  });

  it('keeps a quoted list (with commas) inside one directive', () => {
    const cc = parseCacheControl('private="set-cookie, x-user", max-age=10');
    expect(cc.directives).toEqual(['private', 'max-age']);
    expect(cc.private).toBe(true);
    expect(cc.max_age).toBe(10);
  });

  it('reads a quoted delta and treats a malformed one as stale (0)', () => {
    expect(parseCacheControl('max-age="120"').max_age).toBe(120);
    expect(parseCacheControl('max-age=soon').max_age).toBe(0);
    expect(parseCacheControl('max-age').max_age).toBe(0);
  });

  it('keeps the shorter of conflicting max-age values', () => {
    expect(parseCacheControl('max-age=3600, max-age=60').max_age).toBe(60);
  });

  it('ignores empty members', () => {
    expect(parseCacheControl(' , no-store,, ').directives).toEqual(['no-store']);
  });
});

describe('cacheability', () => {
  it('is public for public or a positive shared lifetime, never for private or no-store', () => {
    expect(isPubliclyCacheable(parseCacheControl('public'))).toBe(true);
    expect(isPubliclyCacheable(parseCacheControl('max-age=60'))).toBe(true);
    expect(isPubliclyCacheable(parseCacheControl('s-maxage=60, max-age=0'))).toBe(true);
    expect(isPubliclyCacheable(parseCacheControl('max-age=0'))).toBe(false);
    expect(isPubliclyCacheable(parseCacheControl('public, no-store'))).toBe(false);
    expect(isPubliclyCacheable(parseCacheControl('private, max-age=600'))).toBe(false);
  });

  it('prefers s-maxage for shared freshness', () => {
    expect(sharedFreshness(parseCacheControl('max-age=10, s-maxage=300'))).toBe(300);
    expect(sharedFreshness(parseCacheControl('no-cache'))).toBeNull();
  });

  it('calls immutable or a day or more long-lived', () => {
    expect(isLongLived(parseCacheControl('max-age=86400'))).toBe(true);
    expect(isLongLived(parseCacheControl('max-age=86399'))).toBe(false);
    expect(isLongLived(parseCacheControl('max-age=60, immutable'))).toBe(true);
    expect(isLongLived(parseCacheControl('immutable, no-store'))).toBe(false);
  });

  it('knows the heuristically cacheable statuses', () => {
    expect([200, 301, 404, 410].every(isCacheableStatus)).toBe(true);
    expect([201, 302, 500, 503].some(isCacheableStatus)).toBe(false);
  });
});
