/** Before any load: is each origin of the target reachable? Says why not (DNS, refused, TLS, timeout). */
import { request, Agent } from 'undici';
import { UnreachableError } from '../errors.js';
import { redactUrl } from '../util/redact.js';
import type { PreparedEndpoint } from './endpoints.js';

export async function checkReachable(
  endpoints: readonly PreparedEndpoint[],
  timeoutMs: number,
  insecure = false,
): Promise<void> {
  const byOrigin = new Map<string, PreparedEndpoint>();
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
  const e = err as { code?: string; name?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.cause?.code ?? e.code ?? '';
  const detail = e.cause?.message ?? e.message ?? String(err);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return `DNS lookup failed (${code})`;
  if (code === 'ECONNREFUSED') return 'connection refused (nothing listening on that port?)';
  if (code === 'ECONNRESET') return 'connection reset by the server';
  if (/TLS|SSL|CERT|EPROTO/.test(code) || /certificate|SSL|TLS/i.test(detail))
    return `TLS handshake failed (${code || detail})`;
  if (code.includes('TIMEOUT') || e.name === 'TimeoutError' || e.name === 'AbortError') return 'timed out';
  return `${code ? `${code}: ` : ''}${detail}`;
}
