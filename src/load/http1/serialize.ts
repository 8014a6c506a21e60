/**
 * Request bytes for the load path: built once per WireRequest (cached while the request object lives, unless it
 * is marked as sent once) and written with one call. Header names and values are checked here, so nothing a
 * config holds can split a request.
 */
import { Memo } from '../../edge/tally.js';
import type { WireRequest } from '../transport.js';

export class InvalidRequestError extends Error {
  readonly code = 'SCALE_AUDIT_BAD_REQUEST';
}

const cache = new WeakMap<WireRequest, Buffer>();
/** Origin → its Host header value (origins are the config's few), without a URL parse per request. */
const hosts = new Memo((origin) => new URL(origin).host, 64);
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const FORBIDDEN_VALUE = /[\r\n\0]/;
const FORBIDDEN_PATH = /[\s\0]/;
/** Methods whose requests carry a body: an empty one is still announced, as undici does. */
const WITH_PAYLOAD = new Set(['POST', 'PUT', 'PATCH']);

export function requestBytes(request: WireRequest): Buffer {
  if (request.once) return serialize(request);
  let bytes = cache.get(request);
  if (!bytes) {
    bytes = serialize(request);
    cache.set(request, bytes);
  }
  return bytes;
}

export function serialize(request: WireRequest): Buffer {
  const { method, path, headers, body } = request;
  if (!TOKEN.test(method)) throw new InvalidRequestError(`invalid method ${JSON.stringify(method)}`);
  if (!path.startsWith('/') || FORBIDDEN_PATH.test(path))
    throw new InvalidRequestError(`invalid request path ${JSON.stringify(path)}`);
  const payload = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
  let head = `${method} ${path} HTTP/1.1\r\n`;
  if (headers.host === undefined) head += `host: ${hosts.get(request.origin)}\r\n`;
  if (headers.connection === undefined) head += 'connection: keep-alive\r\n';
  for (const [name, value] of Object.entries(headers)) {
    if (!TOKEN.test(name)) throw new InvalidRequestError(`invalid header name ${JSON.stringify(name)}`);
    if (FORBIDDEN_VALUE.test(value)) throw new InvalidRequestError(`header ${name}: CR, LF or NUL in its value`);
    if (name === 'content-length' || name === 'transfer-encoding') continue;
    head += `${name}: ${value}\r\n`;
  }
  if (payload !== undefined || WITH_PAYLOAD.has(method)) head += `content-length: ${payload?.length ?? 0}\r\n`;
  head += '\r\n';
  const headBytes = Buffer.from(head, 'latin1');
  return payload?.length ? Buffer.concat([headBytes, payload]) : headBytes;
}
