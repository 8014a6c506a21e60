/** One clear sentence per failed probe step, from undici, TLS and socket errors. */
import { errorFacts } from '../../util/error-code.js';

/** The per-URL deadline passed (the probe aborts with this). */
export class ProbeTimeout extends Error {
  constructor(readonly ms: number) {
    super(`timed out after ${formatSeconds(ms)}`);
    this.name = 'ProbeTimeout';
  }
}

export type ProbeStage = 'connecting' | 'headers' | 'body';

/** Where the probe was when it failed. */
export interface ProbeStep {
  /** "request", "repeat request", "conditional request", "identity request", "TLS handshake". */
  name: string;
  stage: ProbeStage;
}

const TLS_TRUST = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_UNTRUSTED',
]);
const STAGE_TEXT: Record<ProbeStage, string> = {
  connecting: 'while connecting',
  headers: 'waiting for the response headers',
  body: 'reading the body (the response never ended)',
};

export function describeProbeError(err: unknown, step: ProbeStep): string {
  const text = describe(err, step);
  return step.name === 'request' || step.name === 'TLS handshake' ? text : `${step.name}: ${text}`;
}

function describe(err: unknown, step: ProbeStep): string {
  if (err instanceof ProbeTimeout) return `${err.message} ${STAGE_TEXT[step.stage]}`;
  const facts = errorFacts(err);
  const code = facts.codes[0] ?? '';
  const message = facts.message;
  if (facts.name === 'HTTPParserError' || code.startsWith('HPE_')) return describeParserError(message);
  if (code === 'ECONNREFUSED') return 'connection refused (nothing listens on that port)';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found (DNS)';
  if (code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'ETIMEDOUT') return 'connect timed out';
  if (code === 'UND_ERR_HEADERS_OVERFLOW' || code === 'HPE_HEADER_OVERFLOW')
    return 'response headers too large (over 64 KiB): refused to read them';
  if (code === 'UND_ERR_HEADERS_TIMEOUT') return `timed out ${STAGE_TEXT.headers}`;
  if (code === 'UND_ERR_BODY_TIMEOUT') return `timed out ${STAGE_TEXT.body}`;
  if (code === 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH')
    return 'malformed HTTP response (body length does not match Content-Length)';
  if (TLS_TRUST.has(code)) return `TLS certificate not trusted (${code}): pass --ca FILE or --insecure`;
  if (code === 'EPROTO' || code.startsWith('ERR_SSL_') || /wrong version number|handshake/i.test(message)) {
    return `TLS handshake failed: not a TLS service on that port? (${message})`;
  }
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return `connection closed before a complete HTTP response (not an HTTP service?)`;
  }
  if (code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return 'response larger than allowed';
  return code ? `${message} (${code})` : message;
}

/** undici: "Response does not match the HTTP/1.1 protocol (Invalid header token)". */
function describeParserError(message: string): string {
  const reason = (/\(([^)]*)\)\s*$/.exec(message)?.[1] ?? message).slice(0, 120);
  if (/^Expected HTTP\//i.test(reason)) return `not an HTTP service: the answer does not start with HTTP/ (${reason})`;
  return `malformed HTTP response (${reason})`;
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${(ms / 1000).toFixed(1)}s`;
}
