import { describe, expect, it } from 'vitest';
import { DjangoCsrfToken, djangoCsrfFailure, hiddenCsrfToken } from '../../../src/flow/django-csrf.js';

const page = (reason: string) =>
  `<html><body><h1>Forbidden <span>(403)</span></h1><p>CSRF verification failed. Request aborted.</p>` +
  `<p>Reason given for failure:</p>\n<pre>\n    ${reason}\n    </pre></body></html>`;

describe('Django CSRF', () => {
  it('reads the hidden field whatever the attribute order', () => {
    expect(hiddenCsrfToken('<input type="hidden" name="csrfmiddlewaretoken" value="abc123">')).toBe('abc123');
    expect(hiddenCsrfToken("<input value='zz9' name='csrfmiddlewaretoken' type=hidden>")).toBe('zz9');
    expect(hiddenCsrfToken('<input name="other" value="x">')).toBeUndefined();
  });

  it('recognises the failure page and gives Django’s reason', () => {
    expect(djangoCsrfFailure(403, page('CSRF cookie not set.'))).toBe('CSRF cookie not set.');
    expect(
      djangoCsrfFailure(403, page('Origin checking failed - http://a does not match any trusted origins.')),
    ).toMatch(/^Origin checking failed/);
    const production = '<p>CSRF verification failed. Request aborted.</p><p>This site requires a CSRF cookie when…</p>';
    expect(djangoCsrfFailure(403, production)).toBe('CSRF cookie not set.');
    expect(djangoCsrfFailure(403, 'Forbidden')).toBeUndefined();
    expect(djangoCsrfFailure(200, page('x'))).toBeUndefined();
  });

  it('sends the newest token with Origin and Referer on unsafe methods only', () => {
    const csrf = new DjangoCsrfToken();
    csrf.observe('cookie-secret', '<input name="csrfmiddlewaretoken" value="masked-field">');
    expect(csrf.value).toBe('masked-field');
    csrf.observe('rotated-at-login', undefined);
    expect(csrf.headers('POST', 'https://shop.example', 'https://shop.example/login/')).toEqual({
      origin: 'https://shop.example',
      referer: 'https://shop.example/login/',
      'x-csrftoken': 'rotated-at-login',
    });
    expect(csrf.headers('GET', 'https://shop.example', undefined)).toEqual({});
    expect(new DjangoCsrfToken().headers('DELETE', 'http://a', undefined)).toEqual({
      origin: 'http://a',
      referer: 'http://a/',
    });
  });
});
