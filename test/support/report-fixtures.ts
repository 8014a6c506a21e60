/**
 * A full RunResult for the report tests: two endpoints, Postgres / Redis / queue source series that start
 * in the warmup and run past the load into the drain, a drill with fault and recovery, findings of every
 * status, gates and SQL statements.
 */
import type { RunResult, SeriesPoint, SourceResult } from '../../src/result/run-result.js';
import { buildRunResult, finding } from './result-builder.js';
import type { RunSpec } from './result-builder.js';

function series(from: number, to: number, values: (t: number) => Record<string, number>): SeriesPoint[] {
  const out: SeriesPoint[] = [];
  for (let t = from; t <= to; t++) out.push({ t, values: values(t) });
  return out;
}

export function sourcesFor(seconds: number): Record<string, SourceResult> {
  return {
    postgres: {
      id: 'postgres',
      kind: 'postgres',
      description: 'primary 127.0.0.1:5432/app',
      series: series(-2, seconds + 3, (t) => ({
        xact_commit: 1000 + Math.max(0, t) * 120,
        blks_read: 50 + Math.max(0, t) * 3,
        replica_lag_s: t > 10 && t < 16 ? 0.8 : 0.02,
        max_connections: 100,
      })),
      gaps: [{ t: 7, reason: 'statement timeout' }],
      deltas: {},
    },
    redis: {
      id: 'redis',
      kind: 'redis',
      description: 'redis://127.0.0.1:6379/0',
      series: series(0, seconds, (t) => ({ hit_ratio: t < 5 ? 0.6 : 0.93, used_memory: 1_000_000 + t * 1000 })),
      gaps: [],
      deltas: {},
    },
    queues: {
      id: 'queues',
      kind: 'celery-redis',
      description: 'celery on redis://127.0.0.1:6379/1',
      series: series(0, seconds + 3, (t) => ({ depth: t <= seconds ? t * 2 : Math.max(0, (seconds + 3 - t) * 10) })),
      gaps: [],
      deltas: {},
    },
  };
}

export function fullRunResult(overrides: Partial<RunSpec> = {}): RunResult {
  const seconds = overrides.seconds ?? 20;
  return buildRunResult({
    seed: 7,
    seconds,
    rps: 40,
    endpoints: [
      { name: 'home', path: '/' },
      { name: 'article-list', path: '/articles/?page=2', weight: 2, slowdown: 1.5 },
    ],
    sources: sourcesFor(seconds),
    evidence: {
      db: {
        queries_per_request: 7.5,
        buffer_hit_ratio: 0.995,
        blks_hit: 199_000,
        blks_read: 1000,
        replica_lag_max_s: 0.8,
        statements: [
          {
            queryid: '1',
            query: 'SELECT "articles"."id" FROM "articles" ORDER BY "id" OFFSET $1 LIMIT $2',
            where: 'primary',
            calls: 4000,
            total_ms: 5200,
            mean_ms: 1.3,
            rows: 80_000,
            calls_per_request: 5,
          },
          { queryid: '2', query: 'SELECT 1', where: 'replica:1', calls: 800, total_ms: 40, mean_ms: 0.05, rows: 800 },
        ],
      },
      cache: { hit_ratio: 0.9, hits: 9000, misses: 1000 },
      queues: { names: ['celery'], depth_max: 40, slope_per_s: 2, drain_s: 3 },
    },
    findings: [
      finding('slo.latency', 'SLO', 'pass', 'p95 95 ms is within 300 ms'),
      finding('db.n-plus-one', 'Database', 'fail', 'SELECT … runs 5 times per request of article-list'),
      finding('db.offset-pagination', 'Database', 'warn', 'OFFSET pagination on articles'),
      finding('cache.hit-ratio', 'Caching', 'pass'),
      finding('edge.offload', 'Edge/CDN', 'not-measured', 'no cache status headers seen'),
    ],
    gates: [
      { id: 'slo.p95', passed: true, value: 95, threshold: 300 },
      { id: 'budget.queries_per_request', passed: true, value: 7.5, threshold: 10 },
    ],
    score: { overall: 72, categories: { SLO: 100, Database: 25, Caching: 100 } },
    drill: {
      actions: [
        {
          name: 'stop replica',
          command: 'pg_ctl stop -D /tmp/replica',
          at_s: 10,
          exit_code: 0,
          timed_out: false,
          output: 'waiting for server to shut down.... done',
          kind: 'fault',
        },
        {
          name: 'start replica',
          command: 'pg_ctl start -D /tmp/replica',
          at_s: 15,
          exit_code: 0,
          timed_out: false,
          output: '',
          kind: 'recover',
        },
      ],
      baseline: { p95_ms: 90, error_rate: 0 },
      degradation: { p95_ms: 140, error_rate: 0.002, by_class: {}, seconds: 5 },
      recovery_s: 2,
      summary: 'p95 rose to 140 ms during the fault and recovered 2 s after it.',
    },
    ...overrides,
  });
}

/** Markup that would run script or break out of an attribute if any string reached the page unescaped. */
export const HOSTILE = {
  script: '<script>window.__pwned = "script"</script>',
  attribute: '"><img src=x onerror="window.__pwned=\'img\'">',
  single: "'><svg onload=window.__pwned='svg'>",
  sql: 'SELECT \'</code></td><script>window.__pwned="sql"</script>\' FROM "t" WHERE a = \'"\' -- <!--',
  header: 'x" onmouseover="window.__pwned=\'header\'" data-x="<b>',
} as const;

/** Every string the target or the config controls carries hostile markup. */
export function hostileRunResult(): RunResult {
  const name = `${HOSTILE.script}${HOSTILE.attribute}`;
  const result = fullRunResult({
    target: `http://127.0.0.1:8000/?q=${HOSTILE.attribute}`,
    endpoints: [
      { name, path: `/search?q=${HOSTILE.single}` },
      { name: 'home', path: '/' },
    ],
    config: { target: 'http://127.0.0.1:8000', headers: { 'X-Tenant': HOSTILE.header, Authorization: '***' } },
  });
  result.evidence.db!.statements![0]!.query = HOSTILE.sql;
  result.findings[1]!.message = `N+1 in ${name}`;
  result.findings[1]!.remedy = HOSTILE.single;
  result.findings[1]!.details = { statement: HOSTILE.sql, endpoint: name };
  result.findings[2]!.category = HOSTILE.attribute;
  result.gates[0]!.message = HOSTILE.header;
  result.gates[1]!.id = HOSTILE.single;
  result.score.categories[HOSTILE.attribute] = 50;
  result.drill!.actions[0]!.name = HOSTILE.script;
  result.drill!.actions[0]!.command = `psql -c "${HOSTILE.sql}"`;
  result.drill!.actions[0]!.output = HOSTILE.attribute;
  result.drill!.summary = HOSTILE.script;
  const pg = result.sources.postgres!;
  pg.description = HOSTILE.attribute;
  pg.gaps[0]!.reason = HOSTILE.single;
  for (const p of pg.series) p.values[HOSTILE.header] = p.t;
  result.sources[HOSTILE.single] = { ...result.sources.redis!, id: HOSTILE.single, kind: HOSTILE.script };
  result.stop_reason = HOSTILE.script;
  result.partial = true;
  return result;
}
