/**
 * The app's own per-request figures (Server-Timing from integrations/django or the same wire format), when the
 * run has them: rules that can judge from them do so first, exact under any mixed load.
 */
import type { AppFigures } from '../src/result/run-result.js';
import type { AuditEvidence } from './audit-evidence.js';

export interface AppReported {
  overall: AppFigures;
  /** Endpoints with at least one response that carried the app's figures. */
  endpoints: [name: string, figures: AppFigures][];
}

export function appReported(e: AuditEvidence): AppReported | undefined {
  const overall = e.run.summary.app;
  if (!overall || overall.responses === 0) return undefined;
  const endpoints = Object.values(e.run.endpoints)
    .filter((ep) => (ep.app?.responses ?? 0) > 0)
    .map((ep): [string, AppFigures] => [ep.name, ep.app!]);
  return { overall, endpoints };
}

/** Why there are no app figures, and what to do: for not-measured findings. */
export function appNotReported(e: AuditEvidence): { message: string; remedy: string } {
  const without = e.run.summary.app?.without ?? 0;
  if (e.run.app_token)
    return {
      message:
        `app.token was sent, but none of ${without || e.run.summary.requests} responses carried the app's ` +
        'figures (Server-Timing sa-app)',
      remedy:
        'put scale_audit_django.middleware.ScaleAuditMiddleware first in MIDDLEWARE and set SCALE_AUDIT_TOKEN to ' +
        'the same value as app.token (a proxy must pass X-Scale-Audit-Token and Server-Timing through)',
    };
  return {
    message: 'the app did not report its own figures per request',
    remedy: 'install integrations/django (scale_audit_django) and set app.token (or --app-token)',
  };
}

/** " (the app's own counts, 1,200 responses)": which source a rule used. */
export function fromApp(app: AppReported): string {
  return ` (the app's own counts, ${app.overall.responses} responses)`;
}
