/**
 * Why a connection to Postgres or pgbouncer failed, in words an operator can act on. Messages go through
 * redactText: the driver never puts the password in them, but a DSN in free text would.
 */
import { errorCode, errorFacts } from '../../util/error-code.js';
import { redactText } from '../../util/redact.js';

export type ConnectFailure =
  | 'auth'
  | 'refused'
  | 'timeout'
  | 'unresolved'
  | 'missing-database'
  | 'missing-extension'
  | 'other';

export class SourceOpenError extends Error {
  constructor(
    message: string,
    readonly reason: ConnectFailure,
  ) {
    super(redactText(message));
    this.name = 'SourceOpenError';
  }
}

const AUTH_CODES = new Set(['28P01', '28000']);
const AUTH_PHRASES = [
  'password authentication failed',
  'authentication failed',
  'no such user',
  'not allowed',
  'no pg_hba\\.conf entry',
  'admin access',
  'password must be',
];
const AUTH_TEXT = new RegExp(AUTH_PHRASES.join('|'), 'i');

export function classifyConnectError(err: unknown): ConnectFailure {
  const { message: text } = errorFacts(err);
  const code = errorCode(err);
  if (AUTH_CODES.has(code) || AUTH_TEXT.test(text)) return 'auth';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'unresolved';
  if (code === 'ETIMEDOUT' || /timeout/i.test(text)) return 'timeout';
  if (code === '3D000' || /database .* does not exist/i.test(text)) return 'missing-database';
  return 'other';
}

const REASON_TEXT: Record<ConnectFailure, string> = {
  auth: 'authentication failed',
  refused: 'connection refused',
  timeout: 'connect timed out',
  unresolved: 'host not found',
  'missing-database': 'database does not exist',
  'missing-extension': 'missing extension',
  other: 'cannot connect',
};

/** `<what> (<where>): <reason> — <driver message>` with secrets masked. */
export function connectError(label: string, target: string, err: unknown): SourceOpenError {
  const reason = classifyConnectError(err);
  const detail = (err as { message?: string })?.message ?? String(err);
  return new SourceOpenError(`${label} (${target}): ${REASON_TEXT[reason]} — ${detail}`, reason);
}
