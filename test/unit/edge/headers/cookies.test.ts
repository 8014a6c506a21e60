import { describe, expect, it } from 'vitest';
import {
  isAffinityCookie,
  isSessionCookie,
  parseSetCookie,
  setCookieName,
} from '../../../../src/edge/headers/cookies.js';

describe('affinity cookies', () => {
  it.each([
    'AWSALB',
    'AWSALBCORS',
    'SERVERID',
    'route',
    'GCLB',
    'INGRESSCOOKIE',
    'ARRAffinity',
    'BIGipServer~pool_web',
    'NSC_vserver',
  ])('%s is an affinity cookie', (name) => {
    expect(isAffinityCookie(name)).toBe(true);
  });

  it.each(['sessionid', 'csrftoken', 'routes', 'messages', '_ga'])('%s is not', (name) => {
    expect(isAffinityCookie(name)).toBe(false);
  });
});

describe('Set-Cookie', () => {
  it('takes the name before = or ;', () => {
    expect(setCookieName('sessionid=abc; Path=/')).toBe('sessionid');
    expect(setCookieName(' flag; Secure')).toBe('flag');
    expect(setCookieName('novalue')).toBe('novalue');
  });

  it('parses attributes case-insensitively', () => {
    expect(
      parseSetCookie(
        'AWSALB=x==; Expires=Tue, 01 Jan 2030 00:00:00 GMT; Path=/; SameSite=None; Secure; HttpOnly; Max-Age=604800',
      ),
    ).toEqual({
      name: 'AWSALB',
      affinity: true,
      secure: true,
      http_only: true,
      same_site: 'None',
      path: '/',
      domain: null,
      max_age: 604800,
      expires: 'Tue, 01 Jan 2030 00:00:00 GMT',
    });
  });
});

describe('session cookies', () => {
  it("knows Django's sessionid and other frameworks' session cookie names", () => {
    for (const name of ['sessionid', 'PHPSESSID', 'JSESSIONID', 'connect.sid', 'laravel_session', '_shop_session'])
      expect(isSessionCookie(name), name).toBe(true);
    expect(isSessionCookie(`SESS${'a1'.repeat(16)}`)).toBe(true);
  });

  it('does not take CSRF, affinity or preference cookies for sessions', () => {
    for (const name of ['csrftoken', 'AWSALB', 'django_language', 'messages', 'sessionid_hint'])
      expect(isSessionCookie(name), name).toBe(false);
  });
});
