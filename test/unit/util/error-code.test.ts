import { describe, expect, it } from 'vitest';
import { errorCode, errorFacts, isTimeoutError } from '../../../src/util/error-code.js';
import { classifyError } from '../../../src/load/classify-error.js';

async function abortReason(ms: number): Promise<unknown> {
  const signal = AbortSignal.timeout(ms);
  await new Promise((resolve) => signal.addEventListener('abort', resolve));
  return signal.reason;
}

describe('reading an error', () => {
  it('keeps the numeric code of an AbortSignal.timeout DOMException apart from string codes', async () => {
    const reason = await abortReason(1);
    expect(typeof (reason as { code: unknown }).code).toBe('number');
    expect(errorFacts(reason)).toMatchObject({ codes: [], numeric: 23, name: 'TimeoutError' });
    expect(errorCode(reason)).toBe('');
    expect(isTimeoutError(reason)).toBe(true);
    expect(classifyError(reason)).toBe('timeout');
  });

  it('reads the own code first, then the cause, and the cause message', () => {
    const err = Object.assign(new Error('other side closed'), {
      code: 'UND_ERR_SOCKET',
      cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    });
    expect(errorFacts(err)).toMatchObject({
      codes: ['UND_ERR_SOCKET', 'ECONNRESET'],
      message: 'other side closed',
      cause_message: 'read ECONNRESET',
    });
    expect(classifyError(err)).toBe('reset');
    expect(isTimeoutError(err)).toBe(false);
  });

  it('survives values that are not errors', () => {
    expect(errorFacts(null)).toEqual({ codes: [], message: 'null' });
    expect(errorFacts('boom')).toEqual({ codes: [], message: 'boom' });
    expect(errorFacts({ code: 404, message: 'NOT_FOUND' }).numeric).toBe(404);
  });
});
