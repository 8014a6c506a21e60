import type { DbEvidence } from '../src/result/evidence.js';
import { defineCheck, listOf, notMeasured, num, shortSql } from './check.js';
import { queriesNotSeen, unwatchedNote } from './db-watched.js';
import { appReported, fromApp, type AppReported } from './app-reported.js';

/**
 * From the app's own counts when it reports them (exact per endpoint, whatever else runs on the database); else
 * Δ calls in pg_stat_statements over Δ requests: the query budget of a view, counted as Django counts it (the
 * app's statements; transaction control and background workers' statements are shown beside it).
 */
export default defineCheck<{ budget: number }>({
  id: 'db.queries-per-request',
  category: 'database',
  title: 'Queries per request within budget',
  weight: 3,
  defaults: { budget: 10 },
  config: { budget: { path: 'budgets.queries_per_request' } },
  judge(e, t) {
    const app = appReported(e);
    if (app) return fromAppCounts(app, t.budget);
    const qpr = e.db?.queries_per_request;
    if (qpr === undefined) {
      if (e.db?.pg_stat_statements === false) {
        return notMeasured(
          'pg_stat_statements is not readable on the primary',
          'add pg_stat_statements to shared_preload_libraries and CREATE EXTENSION pg_stat_statements',
          t.budget,
        );
      }
      const unseen = queriesNotSeen(e);
      if (unseen) return notMeasured(unseen.message, unseen.remedy, t.budget);
      return notMeasured(
        'queries per request not measured',
        'pass --pg DSN with the pg_stat_statements extension enabled',
        t.budget,
      );
    }
    const partial =
      (e.db?.statements_reset || (e.db?.statements_dealloc ?? 0) > 0
        ? ' (pg_stat_statements was reset or evicted entries: a lower bound)'
        : '') + (e.db && unwatchedNote(e.db) ? ` (a lower bound${unwatchedNote(e.db)})` : '');
    const beside = besideApp(e.db);
    const heavy = Object.entries(e.db?.per_endpoint ?? {})
      .filter(([, p]) => p.queries_per_request > t.budget)
      .sort((a, b) => b[1].queries_per_request - a[1].queries_per_request);
    const named = heavy.map(([name, p]) => `${name} ${num(p.queries_per_request)}`);
    const top = [...(e.db?.statements ?? [])]
      .filter((s) => s.kind === undefined)
      .sort((a, b) => (b.calls_per_request ?? b.calls) - (a.calls_per_request ?? a.calls))[0];
    const where = heavy[0]?.[0];
    const remedy = remedyFor(where);
    const details = {
      per_endpoint: Object.fromEntries(heavy.map(([n, p]) => [n, p.queries_per_request])),
      top_statement: top?.query,
    };
    if (qpr > t.budget) {
      const hint = named.length
        ? `; worst: ${listOf(named, 2)}`
        : top
          ? `; most called: ${shortSql(top.query, 60)}`
          : '';
      return {
        status: 'fail',
        value: qpr,
        threshold: t.budget,
        remedy,
        details,
        message: `${num(qpr)} queries per request${beside} > budget ${t.budget}${hint}${partial}`,
      };
    }
    if (heavy.length) {
      const over = `${listOf(named, 2)} over the budget ${t.budget}`;
      return {
        status: 'warn',
        value: qpr,
        threshold: t.budget,
        remedy,
        details,
        message: `${num(qpr)} queries per request overall${beside}, but ${over}`,
      };
    }
    return {
      status: 'pass',
      value: qpr,
      threshold: t.budget,
      remedy,
      message: `${num(qpr)} queries per request${beside} ≤ budget ${t.budget}${partial}`,
    };
  },
});

/** " (+ 2 transaction control, + 2 async work it caused: celery_worker)": what Django's count leaves out. */
function besideApp(db: DbEvidence | undefined): string {
  const tx = db?.transaction_control_per_request ?? 0;
  const async = db?.async_queries_per_request ?? 0;
  const parts = [
    tx > 0 ? `+ ${num(tx)} transaction control` : '',
    async > 0 ? `+ ${num(async)} async work it caused (${listOf(db?.async_roles ?? [])})` : '',
    db?.shared_roles?.length
      ? `role ${listOf(db.shared_roles)} runs both web and worker backends: its async work counts as the app's`
      : '',
  ].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

const remedyFor = (where: string | undefined): string =>
  `cut queries${where ? ` on ${where}` : ''}: select_related/prefetch_related, cache repeated lookups, and enforce ` +
  'the budget in CI';

/** Each endpoint judged from its own requests' statement counts, as the app reported them. */
function fromAppCounts(app: AppReported, budget: number) {
  const qpr = app.overall.queries_per_request;
  const heavy = app.endpoints
    .filter(([, f]) => f.queries_per_request > budget)
    .sort((a, b) => b[1].queries_per_request - a[1].queries_per_request);
  const named = heavy.map(([name, f]) => `${name} ${num(f.queries_per_request)}`);
  const source = fromApp(app);
  const worst = named.length ? `; worst: ${listOf(named, 2)}` : '';
  const base = {
    value: qpr,
    threshold: budget,
    remedy: remedyFor(heavy[0]?.[0]),
    details: {
      source: 'app',
      per_endpoint: Object.fromEntries(app.endpoints.map(([n, f]) => [n, f.queries_per_request])),
    },
  };
  if (qpr > budget)
    return {
      ...base,
      status: 'fail' as const,
      message: `${num(qpr)} queries per request > budget ${budget}${worst}${source}`,
    };
  if (heavy.length)
    return {
      ...base,
      status: 'warn' as const,
      message: `${num(qpr)} queries per request overall, but ${listOf(named, 2)} over the budget ${budget}${source}`,
    };
  return { ...base, status: 'pass' as const, message: `${num(qpr)} queries per request ≤ budget ${budget}${source}` };
}
