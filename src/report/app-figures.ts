/** Shared wording of the app's own per-request figures in every report: one row per endpoint that has them. */
import type { AppFigures, RunResult } from '../result/run-result.js';
import { formatMs, formatNumber } from '../util/format.js';

export const APP_HEAD = [
  'Endpoint (app)',
  'App p95',
  'Outside p95',
  'DB p95',
  'Queries/req',
  'Duplicates/req',
  'Cache hit/miss',
  'Tasks/req',
  'Most repeated',
];

export const APP_NOTE =
  "The app's own figures per request (Server-Timing): time in the view stack, outside it (network, proxy, " +
  'waiting for a worker), in the database; statements, repeated statements, cache reads and tasks per request.';

const per = (n: number): string => formatNumber(n, 1);

function tasks(f: AppFigures): string {
  const entries = Object.entries(f.tasks_per_request);
  return entries.length ? entries.map(([q, n]) => `${q} ${per(n)}`).join(', ') : '0';
}

function repeated(f: AppFigures): string {
  const top = f.top_duplicate;
  if (!top) return '—';
  const text = top.statement.length > 40 ? `${top.statement.slice(0, 39)}…` : top.statement;
  return `${per(top.per_request)}× ${text}`;
}

/** One row per endpoint with app figures, cells as text, in APP_HEAD order. */
export function appRows(result: RunResult): string[][] {
  return Object.values(result.endpoints)
    .filter((e) => (e.app?.responses ?? 0) > 0)
    .map((e) => {
      const f = e.app!;
      const outside = f.queued_ms ? `${formatMs(f.queued_ms.p95)} queued` : formatMs(f.outside_app_ms.p95);
      return [
        e.name,
        formatMs(f.app_ms.p95),
        outside,
        formatMs(f.db_ms.p95),
        per(f.queries_per_request),
        per(f.duplicate_queries_per_request),
        `${per(f.cache_hits_per_request)}/${per(f.cache_misses_per_request)}`,
        tasks(f),
        repeated(f),
      ];
    });
}

/** Said when the run asked for app figures and none came back. */
export function appMissingLine(result: RunResult): string | undefined {
  const app = result.summary.app;
  if (!app || app.responses > 0) return undefined;
  return (
    `The app reported no figures: none of ${app.without} responses carried Server-Timing sa-app (is ` +
    'ScaleAuditMiddleware first in MIDDLEWARE, with SCALE_AUDIT_TOKEN equal to app.token?).'
  );
}
