import { expect } from 'vitest';
import { makeDbEvidence, makeStatement } from '../../support/fixtures.js';
import { describeRules, healthyEvidence, withAppFigures, type AppRequest } from './rule-cases.js';

const base = healthyEvidence();
const db = (overrides: Parameters<typeof makeDbEvidence>[0]) => ({ ...base, db: makeDbEvidence(overrides) });
const none = { ...base, db: undefined };

const AUTHOR = 'SELECT "shop_author"."id", "shop_author"."name" FROM "shop_author" WHERE "shop_author"."id" = $1';
const PAGE = 'SELECT "shop_product"."id" FROM "shop_product" ORDER BY "shop_product"."id" ASC LIMIT $1 OFFSET $2';
const profile = (statements: ReturnType<typeof makeStatement>[], qpr = 3) => ({
  requests: 15,
  queries_per_request: qpr,
  statements,
});

const CATEGORY = 'SELECT "shop_category"."name" FROM "shop_category" WHERE "shop_category"."id" = ?';
const times = (n: number, request: AppRequest): AppRequest[] => Array.from({ length: n }, () => request);
/** The app's own counts: list 1 + 8 lookups of the category per request, its JOIN twin 1 statement. */
const appCounts = withAppFigures(none, {
  list: times(40, {
    sample: { queries: 9, duplicates: 8, topDuplicate: { statement: CATEGORY, n: 8 } },
    serviceMs: 30,
  }),
  joined: times(40, { sample: { queries: 1 }, serviceMs: 25 }),
});
const joinedOnly = withAppFigures(none, { joined: times(40, { sample: { queries: 1 }, serviceMs: 25 }) });

describeRules(
  'database',
  {
    'db.queries-per-request': ['pass', 'warn', 'fail', 'not-measured'],
    'db.n-plus-one': ['pass', 'warn', 'fail', 'not-measured'],
    'db.offset-pagination': ['pass', 'warn', 'not-measured'],
    'db.seq-scans': ['pass', 'warn', 'not-measured'],
    'db.buffer-hit': ['pass', 'warn', 'not-measured'],
    'db.connections': ['pass', 'warn', 'fail', 'not-measured'],
    'db.pooler': ['pass', 'warn', 'fail', 'not-measured'],
    'db.replica-routing': ['pass', 'warn', 'not-measured'],
    'db.replica-lag': ['pass', 'warn', 'fail', 'not-measured'],
  },
  [
    {
      rule: 'db.n-plus-one',
      status: 'fail',
      name: "the app's own counts name the endpoint, with no database watched",
      evidence: appCounts,
      expect: (f) => {
        expect(f.message).toMatch(/^list runs "SELECT "shop_category"."name" .*" 8× per request \(≥ 5\)/);
        expect(f.message).toMatch(/the app's own counts, 80 responses/);
        expect(f.remedy).toMatch(/in the view behind list/);
      },
    },
    {
      rule: 'db.n-plus-one',
      status: 'pass',
      name: "the app's own counts of a JOIN-only mix",
      evidence: joinedOnly,
      expect: (f) => expect(f.message).toMatch(/on any of 1 endpoints \(the app's own counts/),
    },
    {
      rule: 'db.queries-per-request',
      status: 'warn',
      name: "the app's own counts: one endpoint over the budget",
      evidence: appCounts,
      config: { budgets: { queries_per_request: 6 } },
      expect: (f) => expect(f.message).toMatch(/^5 queries per request overall, but list 9 over the budget 6/),
    },
    {
      rule: 'db.queries-per-request',
      status: 'fail',
      name: "the app's own counts over the budget overall",
      evidence: appCounts,
      config: { budgets: { queries_per_request: 4 } },
      expect: (f) => expect(f.message).toMatch(/^5 queries per request > budget 4; worst: list 9/),
    },
    {
      rule: 'db.queries-per-request',
      status: 'pass',
      name: '3 per request',
      evidence: base,
      expect: (f) => {
        expect(f.value).toBe(3);
        expect(f.threshold).toBe(10);
      },
    },
    {
      rule: 'db.queries-per-request',
      status: 'fail',
      name: '25 per request names the most called statement',
      evidence: db({
        queries_per_request: 25,
        statements: [
          makeStatement(),
          makeStatement({ queryid: '7', query: AUTHOR, calls: 10_000, calls_per_request: 20 }),
        ],
      }),
      expect: (f) => expect(f.message).toMatch(/25 queries per request > budget 10; most called: SELECT "shop_author"/),
    },
    {
      rule: 'db.queries-per-request',
      status: 'not-measured',
      name: 'no statement seen while requests were served: not seen, never 0, and what to connect',
      evidence: db({ queries_per_request: undefined, queries_total: 0, statements: [], unwatched_standbys: 1 }),
      expect: (f) => {
        expect(f.message).toMatch(
          /no statement of the app ran on the watched servers \(primary[^)]*\) while \d+ requests/,
        );
        expect(f.message).toMatch(/streams to 1 standby that is not watched/);
        expect(f.remedy).toMatch(/--pg-replica/);
      },
    },
    {
      rule: 'db.queries-per-request',
      status: 'pass',
      name: 'shows transaction control and async work beside the app’s count',
      evidence: db({ transaction_control_per_request: 2, async_queries_per_request: 1.5, async_roles: ['celery'] }),
      expect: (f) =>
        expect(f.message).toMatch(
          /^3 queries per request \(\+ 2 transaction control, \+ 1\.5 async work it caused \(celery\)\)/,
        ),
    },
    {
      rule: 'db.queries-per-request',
      status: 'pass',
      name: 'a role shared by web and workers is said to be unsplittable',
      evidence: db({ shared_roles: ['app'] }),
      expect: (f) => expect(f.message).toMatch(/role app runs both web and worker backends/),
    },
    {
      rule: 'db.queries-per-request',
      status: 'warn',
      name: 'overall fine, one profiled endpoint over budget',
      evidence: db({ per_endpoint: { home: profile([], 2), products: profile([], 31) } }),
      expect: (f) => {
        expect(f.message).toMatch(/products 31 over the budget 10/);
        expect(f.remedy).toMatch(/on products/);
      },
    },
    {
      rule: 'db.queries-per-request',
      status: 'fail',
      name: 'budgets.queries_per_request: 2',
      evidence: base,
      config: { budgets: { queries_per_request: 2 } },
      expect: (f) => expect(f.threshold).toBe(2),
    },
    {
      rule: 'db.queries-per-request',
      status: 'fail',
      name: 'checks.<id>.budget is more specific than budgets',
      evidence: base,
      config: { budgets: { queries_per_request: 20 }, checks: { 'db.queries-per-request': { budget: 2 } } },
      expect: (f) => expect(f.threshold).toBe(2),
    },
    {
      rule: 'db.queries-per-request',
      status: 'not-measured',
      name: 'pg_stat_statements missing says how to enable it',
      evidence: db({ pg_stat_statements: false, queries_per_request: undefined, statements: undefined }),
      expect: (f) => expect(f.remedy).toMatch(/shared_preload_libraries/),
    },
    { rule: 'db.queries-per-request', status: 'not-measured', name: 'no database watched', evidence: none },

    {
      rule: 'db.n-plus-one',
      status: 'fail',
      name: 'profiled endpoint runs the author lookup 20× per request',
      evidence: db({
        per_endpoint: {
          home: profile([makeStatement()]),
          products: profile([
            makeStatement(),
            makeStatement({ queryid: '7', query: AUTHOR, calls: 300, calls_per_request: 20 }),
          ]),
        },
      }),
      expect: (f) => {
        expect(f.value).toBe(20);
        expect(f.message).toMatch(/^products runs "SELECT "shop_author"\."id".*" 20× per request/);
        expect(f.remedy).toMatch(/select_related\/prefetch_related for shop_author in the view behind products/);
        expect((f.details?.suspects as { endpoint: string; queryid: string }[] | undefined)?.[0]).toMatchObject({
          endpoint: 'products',
          queryid: '7',
        });
      },
    },
    {
      rule: 'db.n-plus-one',
      status: 'pass',
      name: 'profiled endpoints run each statement once',
      evidence: db({
        per_endpoint: {
          home: profile([makeStatement()]),
          products: profile([makeStatement({ calls_per_request: 4 })]),
        },
      }),
    },
    {
      rule: 'db.n-plus-one',
      status: 'fail',
      name: 'without profile: 6 calls per request over the mix',
      evidence: db({ statements: [makeStatement({ query: AUTHOR, calls: 3000, calls_per_request: 6 })] }),
      expect: (f) => expect(f.message).toMatch(/^the mixed load runs/),
    },
    {
      rule: 'db.n-plus-one',
      status: 'warn',
      name: 'without profile: 2× per request over a mix of endpoints is a suspect',
      evidence: db({ statements: [makeStatement({ query: AUTHOR, calls: 1000, calls_per_request: 2 })] }),
      expect: (f) => expect(f.message).toMatch(/set profile: true/),
    },
    { rule: 'db.n-plus-one', status: 'not-measured', name: 'no statements', evidence: db({ statements: undefined }) },

    {
      rule: 'db.offset-pagination',
      status: 'pass',
      name: 'no OFFSET',
      evidence: base,
      expect: (f) => expect(f.message).toMatch(/no statement paginates/),
    },
    {
      rule: 'db.offset-pagination',
      status: 'warn',
      name: 'slow OFFSET statement',
      evidence: db({ statements: [makeStatement(), makeStatement({ queryid: '9', query: PAGE, mean_ms: 42 })] }),
      expect: (f) => {
        expect(f.value).toBe(42);
        expect(f.remedy).toMatch(/keyset pagination/);
      },
    },
    {
      rule: 'db.offset-pagination',
      status: 'warn',
      name: 'the same OFFSET statement grows from page 1 to page 500',
      evidence: db({
        statements: [makeStatement()],
        per_endpoint: {
          'page-1': profile([makeStatement({ queryid: '9', query: PAGE, mean_ms: 0.8 })]),
          'page-500': profile([makeStatement({ queryid: '9', query: PAGE, mean_ms: 6.4 })]),
        },
      }),
      expect: (f) => {
        expect(f.value).toBeCloseTo(8, 5);
        expect(f.message).toMatch(/grows 8× from page-1 to page-500/);
        expect(f.remedy).toMatch(/^switch page-500 to keyset pagination/);
      },
    },
    {
      rule: 'db.offset-pagination',
      status: 'pass',
      name: 'fast OFFSET only',
      evidence: db({ statements: [makeStatement({ query: PAGE, mean_ms: 0.4 })] }),
    },
    {
      rule: 'db.offset-pagination',
      status: 'not-measured',
      name: 'no statements',
      evidence: db({ statements: undefined }),
    },

    { rule: 'db.seq-scans', status: 'pass', name: 'index reads', evidence: base },
    {
      rule: 'db.seq-scans',
      status: 'warn',
      name: 'large table read by seq scans',
      evidence: db({
        tables: [{ table: 'shop_order', seq_scan: 500, seq_tup_read: 5_000_000, idx_scan: 10, idx_tup_fetch: 100 }],
      }),
      expect: (f) => {
        expect(f.message).toMatch(/shop_order 100% of rows \(10000\/scan\)/);
        expect(f.remedy).toMatch(/index on shop_order/);
      },
    },
    {
      rule: 'db.seq-scans',
      status: 'pass',
      name: 'tiny lookup table read by seq scans is fine',
      evidence: db({
        tables: [{ table: 'shop_country', seq_scan: 500, seq_tup_read: 5_000, idx_scan: 0, idx_tup_fetch: 0 }],
      }),
    },
    { rule: 'db.seq-scans', status: 'not-measured', name: 'no table statistics', evidence: db({ tables: undefined }) },

    { rule: 'db.buffer-hit', status: 'pass', name: '99.8%', evidence: base },
    {
      rule: 'db.buffer-hit',
      status: 'warn',
      name: '95%',
      evidence: db({ buffer_hit_ratio: 0.95, blks_read: 5000 }),
      expect: (f) => expect(f.message).toMatch(/95% < 99%; 5000 blocks read from disk/),
    },
    {
      rule: 'db.buffer-hit',
      status: 'not-measured',
      name: 'not measured',
      evidence: db({ buffer_hit_ratio: undefined }),
    },

    { rule: 'db.connections', status: 'pass', name: '20% of max_connections', evidence: base },
    {
      rule: 'db.connections',
      status: 'warn',
      name: '70% of max_connections',
      evidence: db({ connections: { ...makeDbEvidence().connections!, peak: 70, ratio: 0.7 } }),
    },
    {
      rule: 'db.connections',
      status: 'warn',
      name: 'a short idle-in-transaction',
      evidence: db({
        connections: { ...makeDbEvidence().connections!, idle_in_transaction_max: 1, idle_in_transaction_age_max_s: 2 },
      }),
    },
    {
      rule: 'db.connections',
      status: 'fail',
      name: '90% of max_connections',
      evidence: db({ connections: { ...makeDbEvidence().connections!, peak: 90, ratio: 0.9 } }),
      expect: (f) => expect(f.remedy).toMatch(/pgbouncer/),
    },
    {
      rule: 'db.connections',
      status: 'fail',
      name: 'idle in transaction for 12 s',
      evidence: db({
        connections: {
          ...makeDbEvidence().connections!,
          idle_in_transaction_max: 2,
          idle_in_transaction_age_max_s: 12,
        },
      }),
      expect: (f) => expect(f.remedy).toMatch(/idle_in_transaction_session_timeout/),
    },
    { rule: 'db.connections', status: 'not-measured', name: 'not sampled', evidence: db({ connections: undefined }) },

    { rule: 'db.pooler', status: 'pass', name: 'pgbouncer, no waits', evidence: base },
    {
      rule: 'db.pooler',
      status: 'not-measured',
      name: 'pgbouncer not watched: not-measured, never "no pooler"',
      evidence: db({ pooler: undefined }),
      expect: (f) => expect(f.remedy).toMatch(/--pgbouncer/),
    },
    {
      rule: 'db.pooler',
      status: 'warn',
      name: 'clients queued briefly',
      evidence: db({ pooler: { present: true, cl_waiting_max: 3, maxwait_ms_max: 20 } }),
    },
    {
      rule: 'db.pooler',
      status: 'fail',
      name: 'waited 250 ms',
      evidence: db({ pooler: { present: true, cl_waiting_max: 12, maxwait_ms_max: 250 } }),
      expect: (f) => expect(f.message).toMatch(/250 ms for a server connection > 100 ms/),
    },
    {
      rule: 'db.pooler',
      status: 'fail',
      name: 'budgets.pool_wait: 10ms',
      evidence: db({ pooler: { present: true, cl_waiting_max: 3, maxwait_ms_max: 20 } }),
      config: { budgets: { pool_wait: '10ms' } },
    },
    { rule: 'db.pooler', status: 'not-measured', name: 'no database watched', evidence: none },

    { rule: 'db.replica-routing', status: 'pass', name: 'replica serves reads', evidence: base },
    {
      rule: 'db.replica-routing',
      status: 'warn',
      name: 'replica idle',
      evidence: db({ replicas: [{ name: 'replica:1', xact_commit: 0, tup_returned: 0 }] }),
      expect: (f) => expect(f.message).toMatch(/^no replica served reads/),
    },
    {
      rule: 'db.replica-routing',
      status: 'warn',
      name: 'one of two replicas idle',
      evidence: db({
        replicas: [
          { name: 'replica:1', xact_commit: 300, tup_returned: 9000 },
          { name: 'replica:2', xact_commit: 1, tup_returned: 5 },
        ],
      }),
      expect: (f) => expect(f.message).toMatch(/^replica:2 served no reads/),
    },
    { rule: 'db.replica-routing', status: 'not-measured', name: 'no replica', evidence: db({ replicas: undefined }) },

    { rule: 'db.replica-lag', status: 'pass', name: '50 ms', evidence: base },
    {
      rule: 'db.replica-lag',
      status: 'warn',
      name: '0.7 s: over half the budget',
      evidence: db({ replica_lag_max_s: 0.7 }),
    },
    {
      rule: 'db.replica-lag',
      status: 'fail',
      name: '2.5 s',
      evidence: db({ replica_lag_max_s: 2.5 }),
      expect: (f) => expect(f.message).toMatch(/2\.5 s .*> 1 s/),
    },
    {
      rule: 'db.replica-lag',
      status: 'warn',
      name: 'budgets.replica_lag: 5s makes 3 s a warning',
      evidence: db({ replica_lag_max_s: 3 }),
      config: { budgets: { replica_lag: '5s' } },
      expect: (f) => expect(f.threshold).toBe(5),
    },
    {
      rule: 'db.replica-lag',
      status: 'fail',
      name: 'lag read from the replicas alone',
      evidence: db({
        replica_lag_max_s: undefined,
        replicas: [{ name: 'replica:1', xact_commit: 9, tup_returned: 9, lag_max_s: 1.5 }],
      }),
      expect: (f) => expect(f.message).toMatch(/on replica:1/),
    },
    {
      rule: 'db.replica-lag',
      status: 'not-measured',
      name: 'no lag reading',
      evidence: db({ replica_lag_max_s: undefined, replicas: undefined }),
    },
  ],
);
