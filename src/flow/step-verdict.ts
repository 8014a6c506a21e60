/**
 * Whether a flow step succeeded, and if not why: a transport error (timeout, reset, …), Django's CSRF failure page
 * (class `csrf`, with Django's reason), or a status the step does not expect (`http`). Extraction is judged after.
 */
import { classifyError } from '../load/classify-error.js';
import type { Outcome } from '../load/transport.js';
import type { ErrorClass } from '../result/run-result.js';
import { djangoCsrfFailure } from './django-csrf.js';

export interface Verdict {
  errorClass: ErrorClass | null;
  reason?: string;
}

export function judgeStep(expect: readonly number[] | null, outcome: Outcome, body: () => string | undefined): Verdict {
  if (outcome.error) return { errorClass: classifyError(outcome.error), reason: outcome.error.message };
  const csrf = outcome.status === 403 ? djangoCsrfFailure(403, body()) : undefined;
  if (csrf) return { errorClass: 'csrf', reason: csrf };
  const ok = expect ? expect.includes(outcome.status) : outcome.status >= 200 && outcome.status < 400;
  if (ok) return { errorClass: null };
  return { errorClass: 'http', reason: `status ${outcome.status}${expect ? `, expected ${expect.join(' or ')}` : ''}` };
}
