import { describe, expect, it } from 'vitest';
import { InvalidRequestError, requestBytes, serialize } from '../../../../src/load/http1/serialize.js';
import type { WireRequest } from '../../../../src/load/transport.js';

const get: WireRequest = {
  origin: 'http://127.0.0.1:8080',
  method: 'GET',
  path: '/a?b=1',
  headers: { 'user-agent': 'ua', 'accept-encoding': 'gzip' },
};

describe('serialize', () => {
  it('writes the request line, host from the origin, keep-alive and the headers; no body, no length', () => {
    expect(serialize(get).toString()).toBe(
      'GET /a?b=1 HTTP/1.1\r\nhost: 127.0.0.1:8080\r\nconnection: keep-alive\r\nuser-agent: ua\r\n' +
        'accept-encoding: gzip\r\n\r\n',
    );
  });

  it('drops the default port and keeps a given host header', () => {
    const https = serialize({ ...get, origin: 'https://example.com', headers: {} }).toString();
    expect(https).toContain('\r\nhost: example.com\r\n');
    const own = serialize({ ...get, headers: { host: 'virtual.test' } }).toString();
    expect(own.match(/host:/g)).toHaveLength(1);
    expect(own).toContain('host: virtual.test\r\n');
  });

  it('frames a body by its byte length (UTF-8), and announces an empty POST', () => {
    const post = serialize({ ...get, method: 'POST', headers: {}, body: '{"é":1}' });
    expect(post.toString()).toMatch(/content-length: 8\r\n\r\n\{"é":1\}$/);
    expect(serialize({ ...get, method: 'POST', headers: {} }).toString()).toContain('content-length: 0\r\n\r\n');
    const own = serialize({ ...get, method: 'PUT', headers: { 'content-length': '999' }, body: 'ab' }).toString();
    expect(own.match(/content-length/g)).toHaveLength(1);
    expect(own).toMatch(/content-length: 2\r\n\r\nab$/);
  });

  it('refuses what could split a request', () => {
    expect(() => serialize({ ...get, headers: { 'x-a': 'v\r\nx-injected: 1' } })).toThrow(InvalidRequestError);
    expect(() => serialize({ ...get, headers: { 'bad name': 'v' } })).toThrow(InvalidRequestError);
    expect(() => serialize({ ...get, path: '/a b' })).toThrow(InvalidRequestError);
    expect(() => serialize({ ...get, method: 'GE T' })).toThrow(InvalidRequestError);
  });

  it('builds the bytes once per request object', () => {
    expect(requestBytes(get)).toBe(requestBytes(get));
    expect(requestBytes({ ...get })).not.toBe(requestBytes(get));
  });

  it('does not keep the bytes of a request sent once (a flow step), and frames it the same', () => {
    const once: WireRequest = { ...get, once: true };
    expect(requestBytes(once)).not.toBe(requestBytes(once));
    expect(requestBytes(once).equals(requestBytes(get))).toBe(true);
  });

  it('takes the host of each origin as given', () => {
    const hosts = ['http://a.test:81', 'http://b.test:82'].map((origin) => serialize({ ...get, origin }).toString());
    expect(hosts.map((h) => /host: (.*)\r\n/.exec(h)?.[1])).toEqual(['a.test:81', 'b.test:82']);
  });
});
