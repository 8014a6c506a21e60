import fc from 'fast-check';
import { Cookie } from 'tough-cookie';
import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_MEMO_SIZE, attributeMemoSize, parseSetCookie } from '../../../src/flow/set-cookie.js';

describe('parseSetCookie', () => {
  it('reads name, value and every attribute a jar needs', () => {
    const c = parseSetCookie(' sid = abc ; Domain=.Example.COM; Path=/app; Secure; HttpOnly; Max-Age=60 ');
    expect(c).toEqual({
      name: 'sid',
      value: 'abc',
      attributes: {
        domain: 'example.com',
        domainAllowed: true,
        path: '/app',
        secure: true,
        maxAge: 60,
        expires: undefined,
      },
    });
    expect(parseSetCookie('x=1; Expires=Wed, 21 Oct 2015 07:28:00 GMT')?.attributes.expires).toBe(
      Date.UTC(2015, 9, 21, 7, 28),
    );
    expect(parseSetCookie('x=1; Domain=co.uk')?.attributes.domainAllowed).toBe(false);
    expect(parseSetCookie('x=1; Domain=127.0.0.1')?.attributes.domainAllowed).toBe(true);
    expect(parseSetCookie('x=a\x01b')).toBeUndefined();
  });

  it('shares one parse of the same attributes between different values', () => {
    const a = parseSetCookie('csrftoken=aaaa; Path=/; SameSite=Lax');
    const b = parseSetCookie('csrftoken=bbbb; Path=/; SameSite=Lax');
    expect(a?.value).toBe('aaaa');
    expect(b?.value).toBe('bbbb');
    expect(a?.attributes).toBe(b?.attributes);
  });

  it('keeps its memo bounded however many distinct attribute texts arrive, remembering the newest', () => {
    const expires = (i: number) => new Date(Date.UTC(2030, 0, 1) + i * 1000).toUTCString();
    const django = (value: string, i: number) => `csrftoken=${value}; expires=${expires(i)}; Max-Age=31449600; Path=/`;
    for (let i = 0; i < ATTRIBUTE_MEMO_SIZE * 3; i++) parseSetCookie(django('a', i));
    expect(attributeMemoSize()).toBe(ATTRIBUTE_MEMO_SIZE);
    const last = ATTRIBUTE_MEMO_SIZE * 3 - 1;
    expect(parseSetCookie(django('b', last))?.attributes).toBe(parseSetCookie(django('c', last))?.attributes);
    expect(parseSetCookie(django('d', 0))?.attributes.expires).toBe(Date.UTC(2030, 0, 1));
    expect(attributeMemoSize()).toBe(ATTRIBUTE_MEMO_SIZE);
  });

  it('reads any header value as tough-cookie does (loose mode)', () => {
    const part = fc.oneof(
      fc.string({ maxLength: 8 }),
      fc.constantFrom('=', ';', ' ', 'a', '\t', '\x01', 'Path=/x', 'Domain=.Ex.com', 'Secure', 'Max-Age=5'),
      fc.constantFrom('Max-Age=-1', 'Max-Age=0', 'expires=Thu, 01 Jan 1970 00:00:00 GMT', 'path=rel', 'domain='),
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 8 }), (parts) => {
        const raw = parts.join('');
        const ours = parseSetCookie(raw);
        const theirs = raw ? Cookie.parse(raw, { loose: true }) : undefined;
        expect(ours === undefined).toBe(theirs === undefined);
        if (!ours || !theirs) return;
        const a = ours.attributes;
        expect([ours.name, ours.value, a.path ?? null, a.secure]).toEqual([
          theirs.key,
          theirs.value,
          theirs.path,
          theirs.secure,
        ]);
        expect(a.domain).toBe(theirs.cdomain() ?? undefined);
        expect(a.maxAge ?? null).toBe(theirs.maxAge);
        expect(a.expires).toBe(theirs.expires instanceof Date ? theirs.expires.getTime() : undefined);
      }),
      { numRuns: 2000 },
    );
  });
});
