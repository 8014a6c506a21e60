import { describe, expect, it } from 'vitest';
import { ageSeconds, cacheStatusOf, normalizeToken } from '../../../../src/edge/headers/cache-status.js';

const of = (headers: Record<string, string | string[]>) => cacheStatusOf(headers);

describe('cacheStatusOf', () => {
  it.each([
    [{ 'cf-cache-status': 'HIT' }, 'HIT', true],
    [{ 'cf-cache-status': 'DYNAMIC' }, 'DYNAMIC', false],
    [{ 'cf-cache-status': 'REVALIDATED' }, 'REVALIDATED', true],
    [{ 'x-cache-status': 'STALE' }, 'STALE', true],
    [{ 'x-cache-status': 'EXPIRED' }, 'EXPIRED', false],
    [{ 'x-cache-status': 'BYPASS' }, 'BYPASS', false],
    [{ 'x-cache': 'Hit from cloudfront' }, 'HIT', true],
    [{ 'x-cache': 'Miss from cloudfront' }, 'MISS', false],
    [{ 'x-cache': 'RefreshHit from cloudfront' }, 'REVALIDATED', true],
    [{ 'x-cache': 'MISS, HIT' }, 'HIT', true], // Fastly shield miss, edge hit
    [{ 'x-cache': 'MISS, MISS' }, 'MISS', false],
    [{ 'x-cache': 'TCP_MEM_HIT from squid' }, 'HIT', true],
    [{ 'x-cache': 'something-new' }, 'OTHER', false],
    [{ 'cache-status': 'ExampleCDN; hit' }, 'HIT', true],
    [{ 'cache-status': 'Origin; fwd=uri-miss; stored' }, 'MISS', false],
    [{ 'cache-status': 'Edge; fwd=bypass' }, 'BYPASS', false],
    [{ 'x-varnish': '32770 32769' }, 'HIT', true],
    [{ 'x-varnish': '32771' }, 'MISS', false],
  ])('%j → %s', (headers, status, hit) => {
    expect(of(headers)).toEqual({ status, hit });
  });

  it('counts Age > 0 as a hit only when no cache says otherwise', () => {
    expect(of({ age: '42' })).toEqual({ status: 'HIT', hit: true });
    expect(of({ age: '0' })).toEqual({ status: 'NONE', hit: false });
    expect(of({ age: '42', 'x-cache-status': 'MISS' })).toEqual({ status: 'MISS', hit: false });
  });

  it('trusts CF-Cache-Status over X-Cache when both are present', () => {
    expect(of({ 'x-cache': 'MISS', 'cf-cache-status': 'HIT' }).status).toBe('HIT');
  });

  it('tells a proxy without status (Via, X-Served-By) from no cache at all', () => {
    expect(of({ via: '1.1 varnish' }).status).toBe('UNKNOWN');
    expect(of({ 'x-served-by': 'cache-fra1' }).status).toBe('UNKNOWN');
    expect(of({ 'content-type': 'text/html' }).status).toBe('NONE');
  });

  it('joins repeated headers before reading them', () => {
    expect(of({ 'x-cache': ['MISS', 'HIT'] }).status).toBe('HIT');
  });
});

describe('helpers', () => {
  it('reads Age, rejecting garbage', () => {
    expect(ageSeconds({ age: '17' })).toBe(17);
    expect(ageSeconds({ age: 'old' })).toBeNull();
    expect(ageSeconds({})).toBeNull();
  });

  it('normalizes the tokens caches use', () => {
    expect(normalizeToken('tcp_refresh_hit')).toBe('REVALIDATED');
    expect(normalizeToken('TCP_MISS')).toBe('MISS');
    expect(normalizeToken('updating')).toBe('UPDATING');
  });
});
