import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgConnection } from '../../../src/sources/postgres/connection.js';
import { PostgresSource, diffStatements, endpointProfile } from '../../../src/sources/postgres/postgres-source.js';
import { startPostgresApp, type PostgresApp } from '../../support/app-postgres.js';
import {
  PASSWORD_ROLE,
  freePorts,
  sleep,
  startPostgresCluster,
  withClient,
  type PostgresCluster,
} from '../../support/postgres-cluster.js';

let cluster: PostgresCluster;

beforeAll(async () => {
  cluster = await startPostgresCluster({ replica: true });
});

afterAll(async () => {
  await cluster?.stop();
});

const K = 4;
/** Connections of the app's pools (startPostgresApp default). */
const POOL = 4;

async function drive(app: PostgresApp, path: string, requests: number, method = 'GET'): Promise<void> {
  const workers = 4;
  let next = 0;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      while (next < requests) {
        next++;
        const res = await fetch(app.url + path, { method });
        expect(res.status).toBe(200);
        await res.arrayBuffer();
      }
    }),
  );
}

/** Closing the app ends its backends, which publishes their statistics (pg_stat_database lags otherwise). */
async function closeApp(app: PostgresApp): Promise<void> {
  await app.close();
  for (const dsn of [cluster.primaryDsn, cluster.replicaDsn!].map((d) => d.replace(/\/app$/, '/postgres'))) {
    for (let i = 0; i < 50; i++) {
      const left = await withClient(dsn, async (c) => {
        const r = await c.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'test-app'`);
        return r.rows[0].n as number;
      });
      if (left === 0) break;
      await sleep(50);
    }
  }
}

function source(): PostgresSource {
  return new PostgresSource({ dsn: cluster.primaryDsn, replicas: [cluster.replicaDsn!], top: 5, required: true });
}

async function waitForReplay(): Promise<void> {
  const [primaryLsn] = await withClient(cluster.primaryDsn, async (c) =>
    (await c.query('SELECT pg_current_wal_insert_lsn()::text AS lsn')).rows.map((r) => r.lsn as string),
  );
  for (let i = 0; i < 100; i++) {
    const caughtUp = await withClient(cluster.replicaDsn!, async (c) => {
      const r = await c.query(`SELECT pg_last_wal_replay_lsn() >= $1::pg_lsn AS ok`, [primaryLsn]);
      return r.rows[0].ok as boolean;
    });
    if (caughtUp) return;
    await sleep(50);
  }
  throw new Error('replica did not catch up');
}

describe('PostgresSource against a real primary and streaming replica', () => {
  it("measures 1+k queries per request on an N+1 endpoint, and the app's transactions without the tool's", async () => {
    const app = await startPostgresApp({ primaryDsn: cluster.primaryDsn, replicaDsn: cluster.replicaDsn, k: K });
    const src = source();
    await src.open();
    try {
      await src.start();
      const requests = 40;
      await drive(app, '/n-plus-one', requests / 2);
      const mid = await src.sample(Date.now());
      await drive(app, '/n-plus-one', requests / 2);
      await closeApp(app);
      const { evidence, deltas } = await src.finish({ requests, load_end_t: 1 });
      const db = evidence.db!;
      expect(db.pg_stat_statements).toBe(true);
      expect(db.queries_total).toBe(requests * (1 + K));
      expect(db.queries_per_request).toBe(1 + K);
      const perRow = db.statements!.find((s) => s.query.includes('WHERE id = $1') && s.where === 'primary');
      expect(perRow?.calls).toBe(requests * K);
      expect(perRow?.calls_per_request).toBe(K);
      expect(db.statements!.every((s) => !s.query.includes('scale-audit'))).toBe(true);
      // Every app query is a transaction of its own, and so is each new backend's start-up; the tool's are left out.
      expect(db.xact_commit).toBeGreaterThanOrEqual(requests * (1 + K));
      expect(db.xact_commit).toBeLessThanOrEqual(requests * (1 + K) + POOL);
      expect(db.replicas![0]!.xact_commit).toBe(0);
      expect(db.buffer_hit_ratio).toBeGreaterThan(0.5);
      expect(db.tables!.find((t) => t.table === 'public.items')!.idx_scan).toBeGreaterThanOrEqual(requests * K);
      expect(mid.values.statement_calls).toBeGreaterThan(0);
      expect(db.overhead_ratio).toBeGreaterThan(0);
      expect(db.overhead_ratio).toBeLessThan(0.5);
      expect(db.connections!.max_connections).toBe(40);
      expect(deltas.pg_stat_statements).toBe(true);
    } finally {
      await src.close();
    }
  });

  it('counts reads routed to the replica: its read deltas and its pg_stat_statements', async () => {
    const app = await startPostgresApp({ primaryDsn: cluster.primaryDsn, replicaDsn: cluster.replicaDsn, k: K });
    const src = source();
    await src.open();
    try {
      await src.start();
      const requests = 30;
      await drive(app, '/read', requests);
      const sample = await src.sample(Date.now());
      await closeApp(app);
      const db = (await src.finish({ requests, load_end_t: 1 })).evidence.db!;
      const replica = db.replicas!.find((r) => r.name === 'replica:1')!;
      expect(replica.xact_commit).toBeGreaterThanOrEqual(requests);
      expect(replica.xact_commit).toBeLessThanOrEqual(requests + POOL);
      expect(replica.tup_returned + (sample.values.replica_1_tup_returned ?? 0)).toBeGreaterThan(0);
      const onReplica = db.statements!.filter((s) => s.where === 'replica:1');
      expect(onReplica.reduce((n, s) => n + s.calls, 0)).toBe(requests);
      expect(db.queries_per_request).toBe(1);
      expect(db.xact_commit).toBe(0);
    } finally {
      await src.close();
    }
  });

  it('leaves its own sampling out of every count when the app is idle', async () => {
    const src = source();
    await src.open();
    try {
      await src.start();
      const samples = [];
      for (let i = 0; i < 15; i++) samples.push(await src.sample(Date.now()));
      const { evidence, deltas } = await src.finish({ requests: 0, load_end_t: 1 });
      const db = evidence.db!;
      expect(db.queries_total).toBe(0);
      expect(db.statements).toEqual([]);
      expect(db.xact_commit).toBe(0);
      expect(db.tables).toEqual([]);
      expect(db.replicas![0]!.xact_commit).toBe(0);
      expect(db.replicas![0]!.tup_returned).toBe(0);
      expect(new Set(samples.map((s) => s.values.statement_calls)).size).toBe(1);
      expect(new Set(samples.map((s) => s.values.xact_commit)).size).toBe(1);
      expect((deltas.sampling_statements as Record<string, number>).primary).toBeGreaterThanOrEqual(15);
    } finally {
      await src.close();
    }
  });

  it('sees lag grow in seconds and bytes while replay is paused, and ~0 once replayed and idle', async () => {
    const app = await startPostgresApp({ primaryDsn: cluster.primaryDsn, replicaDsn: cluster.replicaDsn });
    const src = source();
    await src.open();
    try {
      await drive(app, '/write', 1, 'POST');
      await waitForReplay();
      await src.start();
      await withClient(cluster.replicaDsn!, (c) => c.query('SELECT pg_wal_replay_pause()'));
      const paused: { at: number; s: number; bytes: number }[] = [];
      const spanMs = (): number => (paused.length > 1 ? paused.at(-1)!.at - paused[0]!.at : 0);
      try {
        const deadline = Date.now() + 10_000;
        while (spanMs() < 2000 && Date.now() < deadline) {
          await drive(app, '/write', 20, 'POST');
          const { values } = await src.sample(Date.now());
          paused.push({ at: Date.now(), s: values.replica_1_lag_s!, bytes: values.replica_1_lag_bytes! });
          await sleep(150);
        }
      } finally {
        await withClient(cluster.replicaDsn!, (c) => c.query('SELECT pg_wal_replay_resume()'));
      }
      const first = paused[0]!;
      const last = paused.at(-1)!;
      // Nothing is replayed while paused: the lag grows with the wall clock.
      expect(last.s - first.s).toBeGreaterThan(spanMs() / 1000 - 0.5);
      expect(last.s).toBeGreaterThan(1.5);
      expect(last.bytes).toBeGreaterThan(first.bytes);
      expect(last.bytes).toBeGreaterThan(10_000);

      let recovered: Record<string, number> = {};
      for (let i = 0; i < 50; i++) {
        recovered = (await src.sample(Date.now())).values;
        if (recovered.replica_1_lag_s === 0 && recovered.replica_1_lag_bytes === 0) break;
        await sleep(100);
      }
      expect(recovered.replica_1_lag_s).toBe(0);
      expect(recovered.replica_1_lag_bytes).toBe(0);
      const db = (await src.finish({ requests: 0, load_end_t: 3 })).evidence.db!;
      expect(db.replica_lag_max_s).toBeGreaterThan(1.5);
      expect(db.replica_lag_bytes_max).toBeGreaterThan(10_000);
      expect(db.replicas![0]!.lag_max_s).toBe(db.replica_lag_max_s);
    } finally {
      await app.close();
      await src.close();
    }

    // An idle primary is not lag, however long ago it last wrote.
    const idle = source();
    await idle.open();
    try {
      await idle.start();
      await sleep(1200);
      for (let i = 0; i < 3; i++) {
        await idle.sample(Date.now());
        await sleep(200);
      }
      const db = (await idle.finish({ requests: 0, load_end_t: 1 })).evidence.db!;
      expect(db.replicas![0]!.lag_max_s).toBeLessThan(0.5);
      expect(db.replicas![0]!.lag_bytes_max).toBeLessThan(1024);
      expect(db.replica_lag_max_s).toBeLessThan(0.5);
    } finally {
      await idle.close();
    }
  });

  it('gives the profile phase statement snapshots to attribute queries to one endpoint', async () => {
    const app = await startPostgresApp({ primaryDsn: cluster.primaryDsn, replicaDsn: cluster.replicaDsn, k: K });
    const src = source();
    await src.open();
    try {
      const before = await src.statementSnapshot();
      await drive(app, '/n-plus-one?k=2', 10);
      await drive(app, '/read', 5);
      const after = await src.statementSnapshot();
      const diff = diffStatements(before, after);
      expect(diff.statements.reduce((n, s) => n + s.calls, 0)).toBe(10 * 3 + 5);
      const profile = endpointProfile(before, after, 15);
      expect(profile.queries_per_request).toBeCloseTo(35 / 15, 3);
      expect(new Set(profile.statements.map((s) => s.where))).toEqual(new Set(['primary', 'replica:1']));
    } finally {
      await app.close();
      await src.close();
    }
  });

  it('says plainly when pg_stat_statements is missing, and fails open() only when it is required', async () => {
    const lenient = new PostgresSource({ dsn: cluster.noExtensionDsn, replicas: [], top: 5, required: true });
    await lenient.open();
    try {
      await lenient.start();
      const { evidence, deltas } = await lenient.finish({ requests: 10, load_end_t: 1 });
      expect(evidence.db!.pg_stat_statements).toBe(false);
      expect(evidence.db!.queries_per_request).toBeUndefined();
      expect(deltas.pg_stat_statements).toBe(false);
      expect(JSON.stringify(deltas.pg_stat_statements_unavailable)).toMatch(/not installed/);
    } finally {
      await lenient.close();
    }
    const strict = new PostgresSource({
      dsn: cluster.noExtensionDsn,
      replicas: [],
      top: 5,
      required: true,
      requireStatements: true,
    });
    await expect(strict.open()).rejects.toThrow(/missing extension pg_stat_statements/);
  });

  it('rejects a wrong password naming the auth failure, never the password', async () => {
    const wrong = 'Wr0ng-Passw0rd-9183';
    const src = new PostgresSource({ dsn: cluster.passwordDsn(wrong), replicas: [], top: 5, required: true });
    const err = await src.open().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect(err!.message).toMatch(/authentication failed/);
    expect(err!.message).toContain(PASSWORD_ROLE.user);
    expect(err!.message).not.toContain(wrong);
    expect(src.describe()).not.toContain(wrong);
  });

  it("with an unprivileged role still counts other users' statements (texts hidden) and says so", async () => {
    const app = await startPostgresApp({ primaryDsn: cluster.primaryDsn, k: K });
    const src = new PostgresSource({
      dsn: cluster.passwordDsn(PASSWORD_ROLE.password),
      replicas: [],
      top: 5,
      required: true,
    });
    await src.open();
    try {
      await src.start();
      await drive(app, '/n-plus-one', 10);
      const { evidence, deltas } = await src.finish({ requests: 10, load_end_t: 1 });
      expect(evidence.db!.queries_per_request).toBe(1 + K);
      expect(evidence.db!.statements!.map((s) => s.query)).toEqual(['<insufficient privilege>']);
      expect(String(deltas.warnings)).toMatch(/pg_read_all_stats/);
    } finally {
      await app.close();
      await src.close();
    }
  });

  it('reconnects after its backend is killed mid-run; a failed sample says which server and why', async () => {
    const src = source();
    await src.open();
    try {
      await src.start();
      await withClient(cluster.primaryDsn.replace(/\/app$/, '/postgres'), (c) =>
        c.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'scale-audit'`),
      );
      const outcomes: (string | number)[] = [];
      for (let i = 0; i < 3; i++) {
        outcomes.push(
          await src.sample(Date.now()).then(
            (s) => s.values.replica_1_up!,
            (e: Error) => e.message,
          ),
        );
        await sleep(100);
      }
      for (const failure of outcomes.filter((o) => typeof o === 'string'))
        expect(failure).toMatch(/^postgres (primary|replica:1)/);
      expect(outcomes.at(-1)).toBe(1);
      const { evidence } = await src.finish({ requests: 0, load_end_t: 1 });
      expect(evidence.db!.queries_total).toBe(0);
    } finally {
      await src.close();
    }
  });

  it(
    'samples through a read-only session named scale-audit with a statement timeout, whatever the DSN ' + 'says',
    async () => {
      const conn = new PgConnection({
        dsn: `${cluster.primaryDsn}?application_name=web&options=-c%20search_path%3Dpg_catalog`,
        label: 'postgres primary',
        statementTimeoutMs: 1500,
        connectTimeoutMs: 2000,
        serverSettings: true,
      });
      await conn.open();
      try {
        const [row] = await conn.query<Record<string, string>>(
          `SELECT current_setting('application_name') AS app, current_setting('default_transaction_read_only') AS ro,
           current_setting('statement_timeout') AS timeout, current_setting('search_path') AS path`,
        );
        expect(row).toEqual({ app: 'scale-audit', ro: 'on', timeout: '1500ms', path: 'pg_catalog' });
        await expect(conn.query(`INSERT INTO public.events (payload) VALUES ('x')`)).rejects.toThrow(
          /read-only transaction/,
        );
        await expect(conn.query('SELECT pg_sleep(3)')).rejects.toThrow(/statement timeout/);
      } finally {
        await conn.close();
      }
    },
  );

  it('rejects a refused replica, naming it', async () => {
    const [closedPort] = await freePorts(1);
    const src = new PostgresSource({
      dsn: cluster.primaryDsn,
      replicas: [`postgres://postgres:Secret-Replica-77@127.0.0.1:${closedPort}/app`],
      top: 5,
      required: true,
    });
    const err = await src.open().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/replica:1.*connection refused/);
    expect(err?.message).not.toContain('Secret-Replica-77');
  });
});
