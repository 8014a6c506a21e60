/** Sorts a failed request into the error classes of run.json: timeout, refused, reset, tls, other. */
import type { ErrorClass } from '../result/run-result.js';
import { errorFacts } from '../util/error-code.js';

const TIMEOUT = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
  'SCALE_AUDIT_TIMEOUT',
]);
const REFUSED = new Set(['ECONNREFUSED']);
const RESET = new Set([
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'ECONNABORTED',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
  'SCALE_AUDIT_CLOSED',
]);
const TLS_CODES = new Set([
  'EPROTO',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_NOT_YET_VALID',
  'HOSTNAME_MISMATCH',
]);

export function classifyError(err: unknown): Exclude<ErrorClass, 'http'> {
  // undici wraps socket failures; the cause holds the system code (ECONNRESET, …), so look at both.
  const { codes, name } = errorFacts(err);
  if (codes.some((c) => c.startsWith('ERR_TLS') || c.startsWith('ERR_SSL') || TLS_CODES.has(c))) return 'tls';
  if (codes.some((c) => TIMEOUT.has(c)) || name === 'TimeoutError') return 'timeout';
  if (codes.some((c) => REFUSED.has(c))) return 'refused';
  if (codes.some((c) => RESET.has(c))) return 'reset';
  return 'other';
}
