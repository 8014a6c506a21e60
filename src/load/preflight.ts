/** Before any load: is each origin of the target reachable? Says why not (DNS, refused, TLS, timeout). */
import { request, Agent } from 'undici';
import { UnreachableError } from '../errors.js';
import { errorFacts, isTimeoutError } from '../util/error-code.js';
import { redactUrl } from '../util/redact.js';
import type { PreparedEndpoint } from './endpoints.js';

export async function checkReachable(
  endpoints: readonly Pick<PreparedEndpoint, 'origin' | 'method' | 'request'>[],
  timeoutMs: number,
  insecure = false,
): Promise<void> {
  const byOrigin = new Map<string, Pick<PreparedEndpoint, 'origin' | 'method' | 'request'>>();
  for (const e of endpoints) if (!byOrigin.has(e.origin) || e.method === 'GET') byOrigin.set(e.origin, e);
  for (const [origin, endpoint] of byOrigin) {
    const path = endpoint.method === 'GET' ? endpoint.request.path : '/';
    const url = origin + path;
    try {
      const res = await request(url, {
        method: 'GET',
        headers: endpoint.request.headers as Record<string, string>,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
        signal: AbortSignal.timeout(timeoutMs),
        dispatcher: insecure ? new Agent({ connect: { rejectUnauthorized: false } }) : undefined,
      });
      await res.body.dump();
    } catch (err) {
      throw new UnreachableError(`target ${redactUrl(url)} is unreachable: ${reasonOf(err)}`);
    }
  }
}

export function reasonOf(err: unknown): string {
  const { codes, name, message, cause_message } = errorFacts(err);
  const has = (...wanted: string[]): string | undefined => codes.find((c) => wanted.includes(c));
  const detail = cause_message ?? message;
  const dns = has('ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME');
  if (dns) return `DNS lookup failed (${dns})`;
  if (has('ECONNREFUSED')) return 'connection refused (nothing listening on that port?)';
  if (has('ECONNRESET')) return 'connection reset by the server';
  const tls = codes.find((c) => /TLS|SSL|CERT|EPROTO/.test(c));
  if (tls || /certificate|SSL|TLS/i.test(detail)) return `TLS handshake failed (${tls ?? detail})`;
  if (isTimeoutError(err) || name === 'AbortError') return 'timed out';
  const code = codes.at(-1);
  return `${code ? `${code}: ` : ''}${detail}`;
}
