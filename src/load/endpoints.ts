/** Turns configured endpoints into ready-to-dispatch requests: built once, reused for every request. */
import type { Config, EndpointConfig } from '../config/schema.js';
import { ConfigError } from '../errors.js';
import type { WireRequest } from './transport.js';
import { VERSION } from '../version.js';
import { APP_TOKEN_HEADER } from '../app/wire-format.js';

export interface PreparedEndpoint {
  name: string;
  method: string;
  /** The path as configured (for reports). */
  path: string;
  origin: string;
  weight: number;
  /** Statuses that count as success; null = any 2xx or 3xx. */
  expect: ReadonlySet<number> | null;
  request: WireRequest;
}

export function endpointName(e: Pick<EndpointConfig, 'name' | 'method' | 'path'>): string {
  return e.name ?? (e.method === 'GET' ? e.path : `${e.method} ${e.path}`);
}

/** Without endpoints or flows, the target's `/`. */
export function prepareEndpoints(
  config: Pick<Config, 'target' | 'headers' | 'endpoints'> & Partial<Pick<Config, 'flows' | 'app'>>,
): PreparedEndpoint[] {
  const endpoints =
    config.endpoints.length || config.flows?.length
      ? config.endpoints
      : [{ method: 'GET' as const, path: '/', headers: {}, weight: 1 }];
  const seen = new Set<string>();
  return endpoints.map((e, i) => {
    const url = resolveUrl(config.target, e.path, i);
    const name = endpointName(e);
    if (seen.has(name))
      throw new ConfigError(
        `endpoints[${i}].name: ${JSON.stringify(name)} is used twice; give each endpoint a unique name`,
      );
    seen.add(name);
    const headers = withDefaults({ ...commonHeaders(config), ...lowercase(e.headers) });
    let body: string | undefined = 'body' in e ? e.body : undefined;
    if ('json' in e && e.json !== undefined) {
      body = JSON.stringify(e.json);
      headers['content-type'] ??= 'application/json';
    }
    return {
      name,
      method: e.method,
      path: e.path,
      origin: url.origin,
      weight: e.weight,
      expect: expectedStatuses('expect' in e ? e.expect : undefined),
      request: { origin: url.origin, method: e.method, path: url.pathname + url.search, headers, body },
    };
  });
}

/** Like a browser, offer compression unless the config says otherwise: edge statistics then see what users get. */
const DEFAULT_HEADERS: Record<string, string> = {
  'accept-encoding': 'br, gzip',
  'user-agent': `scale-audit/${VERSION}`,
};

export function withDefaults(headers: Record<string, string>): Record<string, string> {
  const given = new Set(Object.keys(headers).map((h) => h.toLowerCase()));
  const out = { ...headers };
  for (const [name, value] of Object.entries(DEFAULT_HEADERS)) if (!given.has(name)) out[name] = value;
  return out;
}

export function isSuccess(endpoint: PreparedEndpoint, status: number): boolean {
  return endpoint.expect ? endpoint.expect.has(status) : status >= 200 && status < 400;
}

function resolveUrl(target: string | undefined, path: string, index: number): URL {
  if (/^https?:\/\//i.test(path)) return new URL(path);
  if (!target)
    throw new ConfigError(
      `target: required (a base URL such as https://staging.example.com) to resolve endpoints[${index}].path ` +
        `${JSON.stringify(path)}`,
    );
  const base = new URL(target);
  const prefix = base.pathname.replace(/\/$/, '');
  return new URL(`${prefix}${path}`, base.origin);
}

export function expectedStatuses(expect: EndpointConfig['expect']): ReadonlySet<number> | null {
  if (expect === undefined) return null;
  if (typeof expect === 'number') return new Set([expect]);
  if (Array.isArray(expect)) return new Set(expect);
  return expectedStatuses(expect.status);
}

/** What every request carries before its own headers: the config's headers, and the app token when one is set. */
export function commonHeaders(config: Pick<Config, 'headers'> & Partial<Pick<Config, 'app'>>): Record<string, string> {
  const headers = lowercase(config.headers);
  if (config.app?.token) headers[APP_TOKEN_HEADER] = config.app.token;
  return headers;
}

export function lowercase(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
