/**
 * Reading a failed call's error: Node and undici put a string `code` on the error or on its `cause`
 * (ECONNRESET, UND_ERR_HEADERS_TIMEOUT, …), but DOMExceptions (AbortSignal.timeout) and AMQP errors carry a
 * numeric one. Every reader of socket, abort and driver errors goes through here, so no caller ever calls a
 * string method on a number.
 */

export interface ErrorFacts {
  /** String codes, the error's own first, then its cause's. */
  codes: string[];
  /** Numeric code (DOMException legacy codes, AMQP reply codes), when there is one. */
  numeric?: number;
  /** Error name: TimeoutError, AbortError, HTTPParserError, … */
  name?: string;
  message: string;
  /** The cause's message when the error wraps one (undici's "fetch failed" wraps the socket error). */
  cause_message?: string;
}

export function errorFacts(err: unknown): ErrorFacts {
  const cause = field(err, 'cause');
  const codes = [field(err, 'code'), field(cause, 'code')].filter((c): c is string => typeof c === 'string');
  const numeric = [field(err, 'code'), field(cause, 'code')].find((c): c is number => typeof c === 'number');
  const name = field(err, 'name');
  const message = field(err, 'message');
  const causeMessage = field(cause, 'message');
  return {
    codes: codes.filter((c) => c.length > 0),
    ...(numeric !== undefined ? { numeric } : {}),
    ...(typeof name === 'string' ? { name } : {}),
    message: typeof message === 'string' ? message : String(err),
    ...(typeof causeMessage === 'string' ? { cause_message: causeMessage } : {}),
  };
}

/** The first string code (the error's own, else its cause's); '' when there is none. */
export function errorCode(err: unknown): string {
  return errorFacts(err).codes[0] ?? '';
}

/** The deadline passed: an undici or socket timeout code, or an AbortSignal.timeout / abort. */
export function isTimeoutError(err: unknown): boolean {
  const facts = errorFacts(err);
  return (
    facts.codes.some((c) => c.includes('TIMEOUT') || c === 'ETIMEDOUT') ||
    facts.name === 'TimeoutError' ||
    field(field(err, 'cause'), 'name') === 'TimeoutError'
  );
}

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
