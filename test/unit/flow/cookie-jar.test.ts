import { describe, expect, it } from 'vitest';
import { CookieJar, cookieTarget as at } from '../../../src/flow/cookie-jar.js';

describe('CookieJar (as a browser keeps cookies)', () => {
  it('sends a cookie back only on the paths and domains it was set for', () => {
    const jar = new CookieJar();
    jar.store(at('http://shop.example.com/'), ['d=1; Domain=example.com; Path=/', 'p=1; Path=/cart']);
    expect(jar.header(at('http://shop.example.com/'))).toBe('d=1');
    expect(jar.header(at('http://shop.example.com/cart/add/'))).toBe('p=1; d=1');
    expect(jar.header(at('http://api.example.com/'))).toBe('d=1');
    expect(jar.header(at('http://other.org/'))).toBeUndefined();
  });

  it('ignores a cookie for a foreign domain instead of failing', () => {
    const jar = new CookieJar();
    expect(jar.store(at('http://shop.example.com/'), ['x=1; Domain=evil.org']).size).toBe(0);
    expect(jar.header(at('http://evil.org/'))).toBeUndefined();
  });

  it('deletes a cookie on Max-Age=0 and drops expired ones', () => {
    const jar = new CookieJar();
    jar.store(at('http://127.0.0.1:8000/'), ['sessionid=abc; Path=/', 'old=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT']);
    expect(jar.header(at('http://127.0.0.1:8000/'))).toBe('sessionid=abc');
    expect(jar.store(at('http://127.0.0.1:8000/'), ['sessionid=gone; Max-Age=0; Path=/'])).toEqual(
      new Map([['sessionid', '']]),
    );
    expect(jar.header(at('http://127.0.0.1:8000/'))).toBeUndefined();
  });

  it('replaces a value set again (a rotated csrftoken) and reads it by name', () => {
    const jar = new CookieJar();
    jar.store(at('http://127.0.0.1:8000/a/'), ['csrftoken=one; Path=/']);
    expect(jar.store(at('http://127.0.0.1:8000/b/'), ['csrftoken=two; Path=/']).get('csrftoken')).toBe('two');
    expect(jar.get('csrftoken', at('http://127.0.0.1:8000/'))).toBe('two');
    expect(jar.names(at('http://127.0.0.1:8000/'))).toEqual(['csrftoken']);
  });

  it('sends Secure cookies over https and to loopback only', () => {
    const jar = new CookieJar();
    jar.store(at('https://shop.example.com/'), ['s=1; Secure; Path=/']);
    expect(jar.header(at('https://shop.example.com/'))).toBe('s=1');
    expect(jar.header(at('http://shop.example.com/'))).toBeUndefined();
    const local = new CookieJar();
    local.store(at('http://127.0.0.1:8000/'), ['s=1; Secure; Path=/']);
    expect(local.header(at('http://127.0.0.1:8000/'))).toBe('s=1');
  });

  it('keeps two users apart', () => {
    const [a, b] = [new CookieJar(), new CookieJar()];
    a.store(at('http://127.0.0.1/'), ['sessionid=alice']);
    b.store(at('http://127.0.0.1/'), ['sessionid=bob']);
    expect([a.header(at('http://127.0.0.1/')), b.header(at('http://127.0.0.1/'))]).toEqual([
      'sessionid=alice',
      'sessionid=bob',
    ]);
  });
});
