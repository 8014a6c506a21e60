import fc from 'fast-check';
import { CookieJar as ToughJar } from 'tough-cookie';
import { describe, expect, it } from 'vitest';
import { CookieJar, cookieTarget as at } from '../../../src/flow/cookie-jar.js';

const LOCAL = 'http://127.0.0.1:8000';

function jarWith(url: string, ...setCookies: string[]): CookieJar {
  const jar = new CookieJar();
  jar.store(at(url), setCookies);
  return jar;
}

describe('CookieJar (as a browser keeps cookies)', () => {
  it('sends a cookie back only on the paths and domains it was set for', () => {
    const jar = jarWith('http://shop.example.com/', 'd=1; Domain=example.com; Path=/', 'p=1; Path=/cart');
    expect(jar.header(at('http://shop.example.com/'))).toBe('d=1');
    expect(jar.header(at('http://shop.example.com/cart/add/'))).toBe('p=1; d=1');
    expect(jar.header(at('http://api.example.com/'))).toBe('d=1');
    expect(jar.header(at('http://example.com/'))).toBe('d=1');
    expect(jar.header(at('http://other.org/'))).toBeUndefined();
    expect(jar.header(at('http://notexample.com/'))).toBeUndefined();
  });

  it('keeps a cookie without Domain to its host only, subdomains excluded', () => {
    const jar = jarWith('http://example.com/', 'h=1; Path=/');
    expect(jar.header(at('http://example.com/x'))).toBe('h=1');
    expect(jar.header(at('http://www.example.com/'))).toBeUndefined();
    expect(jarWith('http://example.com/', 'd=1; Domain=.EXAMPLE.com').header(at('http://www.example.com/'))).toBe(
      'd=1',
    );
  });

  it('ignores a cookie for a foreign domain, a parent it does not belong to, or a public suffix', () => {
    const jar = new CookieJar();
    const site = at('http://shop.example.com/');
    expect(jar.store(site, ['x=1; Domain=evil.org']).size).toBe(0);
    expect(jar.store(site, ['y=1; Domain=other.example.com']).size).toBe(0);
    expect(jar.store(site, ['z=1; Domain=com']).size).toBe(0);
    expect(jar.store(at('http://shop.example.co.uk/'), ['w=1; Domain=co.uk']).size).toBe(0);
    expect(jar.header(at('http://evil.org/'))).toBeUndefined();
    expect(jar.header(at('http://other.example.com/'))).toBeUndefined();
    expect(jar.header(at('http://a.com/'))).toBeUndefined();
    expect(jar.header(site)).toBeUndefined();
  });

  it('matches paths on "/" boundaries and defaults the path to the request directory', () => {
    const jar = jarWith('http://h.test/shop/cart/add', 'dflt=1', 'p=1; Path=/shop', 'bad=1; Path=relative');
    expect(jar.header(at('http://h.test/shop/cart/add'))).toBe('dflt=1; bad=1; p=1');
    expect(jar.header(at('http://h.test/shop/cart'))).toBe('dflt=1; bad=1; p=1');
    expect(jar.header(at('http://h.test/shop/'))).toBe('p=1');
    expect(jar.header(at('http://h.test/shopping'))).toBeUndefined();
    expect(jar.header(at('http://h.test/shop/cartx'))).toBe('p=1');
  });

  it('orders the header longest path first, then by when each cookie was first stored', () => {
    const jar = jarWith('http://h.test/', 'b=1; Path=/', 'a=1; Path=/', 'deep=1; Path=/a/b', 'mid=1; Path=/a');
    expect(jar.header(at('http://h.test/a/b/c'))).toBe('deep=1; mid=1; b=1; a=1');
    jar.store(at('http://h.test/'), ['b=2; Path=/']);
    expect(jar.header(at('http://h.test/a/b/c'))).toBe('deep=1; mid=1; b=2; a=1');
  });

  it('deletes a cookie on Max-Age=0 or a past Expires, and drops expired ones', () => {
    const jar = jarWith(LOCAL, 'sessionid=abc; Path=/', 'old=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT', 'k=1');
    expect(jar.header(at(`${LOCAL}/`))).toBe('sessionid=abc; k=1');
    expect(jar.store(at(LOCAL), ['sessionid=gone; Max-Age=0; Path=/'])).toEqual(new Map([['sessionid', '']]));
    expect(jar.header(at(`${LOCAL}/`))).toBe('k=1');
    jar.store(at(LOCAL), ['k=x; Expires=Wed, 21 Oct 2015 07:28:00 GMT']);
    expect(jar.header(at(`${LOCAL}/`))).toBeUndefined();
    expect(jar.names(at(`${LOCAL}/`))).toEqual([]);
  });

  it('lets Max-Age win over Expires, and a negative Max-Age delete', () => {
    const future = new Date(Date.now() + 86_400_000).toUTCString();
    const jar = jarWith(
      LOCAL,
      `a=1; Max-Age=0; Expires=${future}`,
      'b=1; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=60',
    );
    expect(jar.header(at(`${LOCAL}/`))).toBe('b=1');
    jar.store(at(LOCAL), ['b=1; Max-Age=-5']);
    expect(jar.header(at(`${LOCAL}/`))).toBeUndefined();
  });

  it('stops sending a cookie once its Max-Age has passed', () => {
    const jar = jarWith(LOCAL, 'short=1; Max-Age=1', 'long=1; Max-Age=3600');
    const realNow = Date.now;
    try {
      const later = realNow() + 1500;
      Date.now = () => later;
      expect(jar.header(at(`${LOCAL}/`))).toBe('long=1');
      expect(jar.get('short', at(`${LOCAL}/`))).toBeUndefined();
    } finally {
      Date.now = realNow;
    }
  });

  it('replaces a value set again under the same name, domain and path, and keeps other paths apart', () => {
    const jar = new CookieJar();
    jar.store(at(`${LOCAL}/a/`), ['csrftoken=one; Path=/']);
    expect(jar.store(at(`${LOCAL}/b/`), ['csrftoken=two; Path=/']).get('csrftoken')).toBe('two');
    expect(jar.get('csrftoken', at(`${LOCAL}/`))).toBe('two');
    expect(jar.names(at(`${LOCAL}/`))).toEqual(['csrftoken']);
    jar.store(at(`${LOCAL}/`), ['csrftoken=deep; Path=/x']);
    expect(jar.header(at(`${LOCAL}/x/y`))).toBe('csrftoken=deep; csrftoken=two');
  });

  it('keeps a cookie for the host apart from the same name for its domain', () => {
    const jar = jarWith('http://www.example.com/', 'c=host; Path=/', 'c=dom; Domain=example.com; Path=/');
    expect(jar.header(at('http://www.example.com/'))).toBe('c=host; c=dom');
    expect(jar.header(at('http://api.example.com/'))).toBe('c=dom');
  });

  it('takes and sends Secure cookies over https and to loopback only', () => {
    const jar = jarWith('https://shop.example.com/', 's=1; Secure; Path=/');
    expect(jar.header(at('https://shop.example.com/'))).toBe('s=1');
    expect(jar.header(at('http://shop.example.com/'))).toBeUndefined();
    expect(jarWith('http://shop.example.com/', 's=1; Secure').header(at('https://shop.example.com/'))).toBeUndefined();
    for (const host of ['127.0.0.1:8000', 'localhost:8000', '[::1]:8000'])
      expect(jarWith(`http://${host}/`, 's=1; Secure; Path=/').header(at(`http://${host}/`))).toBe('s=1');
  });

  it('holds __Secure- and __Host- cookies to their prefix rules', () => {
    const jar = new CookieJar();
    const site = at('https://shop.example.com/a/b');
    const refused = ['__Secure-a=1', '__Host-b=1; Secure; Path=/a', '__Host-c=1; Secure; Domain=example.com'];
    expect(jar.store(site, refused).size).toBe(0);
    expect(jar.store(site, ['__Secure-a=1; Secure', '__Host-b=1; Secure; Path=/']).size).toBe(2);
    expect(jar.header(at('https://shop.example.com/a/b'))).toBe('__Secure-a=1; __Host-b=1');
  });

  it('ignores HttpOnly and SameSite, keeps a nameless cookie (one per path) and drops control characters', () => {
    const jar = jarWith(LOCAL, 'h=1; HttpOnly; SameSite=Strict; Path=/', 'bare', 'ctl=a\x01b');
    expect(jar.header(at(`${LOCAL}/`))).toBe('h=1; bare');
    jar.store(at(LOCAL), ['=eq']);
    expect(jar.header(at(`${LOCAL}/`))).toBe('h=1; eq');
  });

  it('keeps two users apart', () => {
    const [a, b] = [jarWith('http://127.0.0.1/', 'sessionid=alice'), jarWith('http://127.0.0.1/', 'sessionid=bob')];
    expect([a.header(at('http://127.0.0.1/')), b.header(at('http://127.0.0.1/'))]).toEqual([
      'sessionid=alice',
      'sessionid=bob',
    ]);
  });
});

describe('CookieJar against tough-cookie', () => {
  const origins = [
    'http://shop.example.com',
    'https://shop.example.com',
    'http://example.com',
    'https://api.example.com',
  ];
  const paths = ['/', '/a', '/a/b', '/ab', '/a/b/c'];
  const urls = origins.flatMap((o) => paths.map((p) => o + p));
  const attributes = [
    'Path=/',
    'Path=/a',
    'Path=rel',
    'Domain=example.com',
    'Domain=.shop.example.com',
    'Domain=com',
    'Domain=other.org',
    'Secure',
    'HttpOnly',
    'Max-Age=0',
    'Max-Age=100',
    'Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    'SameSite=Lax',
  ];
  const setCookie = fc
    .tuple(
      fc.constantFrom('a', 'b', '__Host-h', '__Secure-s', ''),
      fc.nat(9),
      fc.subarray(attributes, { maxLength: 4 }),
    )
    .map(([name, v, attrs]) => [name ? `${name}=v${v}` : `v${v}`, ...attrs].join('; '));

  it('sends the Cookie header its CookieJar sends, for any responses (order aside after a deletion)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...urls), fc.array(setCookie, { maxLength: 3 })), { maxLength: 8 }),
        (responses) => {
          const ours = new CookieJar();
          const theirs = new ToughJar(undefined, { looseMode: true });
          for (const [url, values] of responses) {
            ours.store(at(url), values);
            for (const v of values) theirs.setCookieSync(v, url, { ignoreError: true });
          }
          // tough-cookie keeps a deleted cookie's creation time for one set again later; browsers start it anew.
          const deleted = responses.some(([, values]) => values.some((v) => /Max-Age=0|Expires/.test(v)));
          const seen = (header: string) => (deleted ? header.split('; ').sort().join('; ') : header);
          for (const url of urls) expect(seen(ours.header(at(url)) ?? '')).toBe(seen(theirs.getCookieStringSync(url)));
        },
      ),
      { numRuns: 500 },
    );
  });
});
