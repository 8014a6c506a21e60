import type { StatementStat } from '../src/result/evidence.js';
import { defineCheck, notMeasured, num, shortSql, tableOf } from './check.js';
import { queriesNotSeen } from './db-watched.js';
import { appReported, fromApp, type AppReported } from './app-reported.js';

/** N+1 is a pattern of the app's own statements: transaction control and background work are left out. */
const own = (statements: readonly StatementStat[]): StatementStat[] => statements.filter((s) => s.kind === undefined);

interface Suspect {
  endpoint: string | null;
  queryid: string;
  statement: string;
  calls_per_request: number;
}

/** One normalized statement run many times per request of one endpoint: the N+1 signature. */
export default defineCheck<{ calls_per_request: number; suspect_calls_per_request: number }>({
  id: 'db.n-plus-one',
  category: 'database',
  title: 'No N+1 query patterns',
  weight: 3,
  // Without a profile phase one endpoint's N+1 is diluted by the rest of the mix: 2× per request overall is a suspect.
  defaults: { calls_per_request: 5, suspect_calls_per_request: 2 },
  judge(e, t) {
    const app = appReported(e);
    if (app) return fromAppDuplicates(app, t.calls_per_request);
    const db = e.db;
    const profiles = Object.entries(db?.per_endpoint ?? {}).filter(([, p]) => p.requests > 0);
    if (profiles.length) {
      const suspects = profiles
        .flatMap(([endpoint, p]) => own(p.statements).map((s) => suspect(endpoint, s, p.requests)))
        .filter((s) => s.calls_per_request >= t.calls_per_request)
        .sort((a, b) => b.calls_per_request - a.calls_per_request);
      if (suspects.length) return found('fail', suspects, t.calls_per_request);
      return {
        status: 'pass',
        value: 0,
        threshold: t.calls_per_request,
        remedy: remedyFor(undefined),
        message:
          `no statement runs ≥ ${t.calls_per_request}× per request on any of ${profiles.length} ` +
          `profiled endpoints`,
      };
    }
    const statements = own(db?.statements ?? []);
    if (!statements.length) {
      const unseen = queriesNotSeen(e);
      if (unseen) return notMeasured(unseen.message, unseen.remedy, t.calls_per_request);
      return notMeasured(
        db?.pg_stat_statements === false
          ? 'pg_stat_statements is not readable on the primary'
          : db
            ? 'no statement of the app was seen during the run'
            : 'statements were not collected: the database was not watched',
        'pass --pg DSN with pg_stat_statements, and set profile: true to attribute them to endpoints',
        t.calls_per_request,
      );
    }
    const requests = e.run.summary.requests;
    // One endpoint in the run: every statement is that endpoint's, attributed without a profile.
    const names = Object.keys(e.run.endpoints);
    const only = names.length === 1 ? names[0]! : null;
    const ranked = statements
      .map((s) => suspect(only, s, requests))
      .sort((a, b) => b.calls_per_request - a.calls_per_request);
    const sure = ranked.filter((s) => s.calls_per_request >= t.calls_per_request);
    if (sure.length) return found('fail', sure, t.calls_per_request);
    const maybe = ranked.filter((s) => s.calls_per_request >= t.suspect_calls_per_request);
    if (maybe.length && Object.keys(e.run.endpoints).length > 1)
      return found('warn', maybe, t.suspect_calls_per_request);
    return {
      status: 'pass',
      value: ranked[0]?.calls_per_request ?? 0,
      threshold: t.calls_per_request,
      remedy: remedyFor(undefined),
      message: `no statement runs ≥ ${t.calls_per_request}× per request`,
    };
  },
});

function suspect(endpoint: string | null, s: StatementStat, requests: number): Suspect {
  return {
    endpoint,
    queryid: s.queryid,
    statement: s.query,
    calls_per_request: s.calls_per_request ?? (requests > 0 ? s.calls / requests : 0),
  };
}

function found(status: 'fail' | 'warn', suspects: Suspect[], limit: number) {
  const top = suspects[0]!;
  const where = top.endpoint ?? 'the mixed load';
  const message =
    status === 'fail'
      ? `${where} runs "${shortSql(top.statement)}" ${num(top.calls_per_request)}× per request (≥ ${limit})`
      : `"${shortSql(top.statement)}" runs ${num(top.calls_per_request)}× per request over the mix: an N+1 on ` +
        `one endpoint is likely (set profile: true to name it)`;
  return {
    status,
    value: top.calls_per_request,
    threshold: limit,
    message:
      suspects.length > 1
        ? `${message}; ${suspects.length - 1} more suspect${suspects.length > 2 ? 's' : ''}`
        : message,
    remedy: remedyFor(top),
    details: { suspects: suspects.slice(0, 10) },
  } as const;
}

function remedyFor(top: Suspect | undefined): string {
  if (!top) return 'keep related objects loaded with select_related/prefetch_related and enforce a query budget in CI';
  const table = tableOf(top.statement);
  const forTable = table ? ` for ${table}` : '';
  const inView = top.endpoint ? ` in the view behind ${top.endpoint}` : '';
  return `use select_related/prefetch_related${forTable}${inView} so the rows load in one query`;
}

/** The most repeated statement of each endpoint's own requests, as the app reported it. */
function fromAppDuplicates(app: AppReported, limit: number) {
  const suspects: Suspect[] = app.endpoints
    .flatMap(([endpoint, f]) =>
      f.top_duplicate
        ? [
            {
              endpoint,
              queryid: '',
              statement: f.top_duplicate.statement,
              calls_per_request: f.top_duplicate.per_request,
            },
          ]
        : [],
    )
    .filter((s) => s.calls_per_request >= limit)
    .sort((a, b) => b.calls_per_request - a.calls_per_request);
  if (suspects.length) {
    const judged = found('fail', suspects, limit);
    return { ...judged, message: judged.message + fromApp(app), details: { ...judged.details, source: 'app' } };
  }
  return {
    status: 'pass' as const,
    value: Math.max(0, ...app.endpoints.map(([, f]) => f.top_duplicate?.per_request ?? 0)),
    threshold: limit,
    remedy: remedyFor(undefined),
    message: `no statement runs ≥ ${limit}× per request on any of ${app.endpoints.length} endpoints${fromApp(app)}`,
    details: { source: 'app' },
  };
}
