import { describe, expect, it } from 'vitest';
import { CookieJar } from '../../../src/flow/cookie-jar.js';

describe('CookieJar (as a browser keeps cookies)', () => {
  it('sends a cookie back only on the paths and domains it was set for', () => {
    const jar = new CookieJar();
    jar.store('http://shop.example.com/', ['d=1; Domain=example.com; Path=/', 'p=1; Path=/cart']);
    expect(jar.header('http://shop.example.com/')).toBe('d=1');
    expect(jar.header('http://shop.example.com/cart/add/')).toBe('p=1; d=1');
    expect(jar.header('http://api.example.com/')).toBe('d=1');
    expect(jar.header('http://other.org/')).toBeUndefined();
  });

  it('ignores a cookie for a foreign domain instead of failing', () => {
    const jar = new CookieJar();
    expect(jar.store('http://shop.example.com/', ['x=1; Domain=evil.org'])).toEqual([]);
    expect(jar.header('http://evil.org/')).toBeUndefined();
  });

  it('deletes a cookie on Max-Age=0 and drops expired ones', () => {
    const jar = new CookieJar();
    jar.store('http://127.0.0.1:8000/', ['sessionid=abc; Path=/', 'old=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT']);
    expect(jar.header('http://127.0.0.1:8000/')).toBe('sessionid=abc');
    jar.store('http://127.0.0.1:8000/', ['sessionid=; Max-Age=0; Path=/']);
    expect(jar.header('http://127.0.0.1:8000/')).toBeUndefined();
  });

  it('replaces a value set again (a rotated csrftoken) and reads it by name', () => {
    const jar = new CookieJar();
    jar.store('http://127.0.0.1:8000/a/', ['csrftoken=one; Path=/']);
    jar.store('http://127.0.0.1:8000/b/', ['csrftoken=two; Path=/']);
    expect(jar.get('csrftoken', 'http://127.0.0.1:8000/')).toBe('two');
    expect(jar.names('http://127.0.0.1:8000/')).toEqual(['csrftoken']);
  });

  it('keeps two users apart', () => {
    const [a, b] = [new CookieJar(), new CookieJar()];
    a.store('http://127.0.0.1/', ['sessionid=alice']);
    b.store('http://127.0.0.1/', ['sessionid=bob']);
    expect([a.header('http://127.0.0.1/'), b.header('http://127.0.0.1/')]).toEqual([
      'sessionid=alice',
      'sessionid=bob',
    ]);
  });
});
