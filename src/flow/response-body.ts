/**
 * The text of a kept response body, decompressed as a browser would (the engine offers br and gzip), so
 * extractors and the CSRF check read what the server meant. A truncated body decodes as far as it goes.
 */
import { brotliDecompressSync, constants, gunzipSync, inflateSync } from 'node:zlib';
import type { Outcome } from '../load/transport.js';

const PARTIAL = { finishFlush: constants.Z_SYNC_FLUSH } as const;
const PARTIAL_BROTLI = { finishFlush: constants.BROTLI_OPERATION_FLUSH } as const;

export function bodyText(outcome: Pick<Outcome, 'body' | 'headers'>): string | undefined {
  const body = outcome.body;
  if (!body || body.length === 0) return undefined;
  const encoding = outcome.headers?.['content-encoding']?.toLowerCase().trim();
  try {
    if (encoding === 'gzip' || encoding === 'x-gzip') return gunzipSync(body, PARTIAL).toString('utf8');
    if (encoding === 'br') return brotliDecompressSync(body, PARTIAL_BROTLI).toString('utf8');
    if (encoding === 'deflate') return inflateSync(body, PARTIAL).toString('utf8');
  } catch {
    return undefined;
  }
  return body.toString('utf8');
}
