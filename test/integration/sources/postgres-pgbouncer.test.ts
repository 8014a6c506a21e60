import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgBouncerSource } from '../../../src/sources/postgres/pgbouncer-source.js';
import { sleep, startPostgresCluster, type PostgresCluster } from '../../support/postgres-cluster.js';

const POOL_SIZE = 2;
let cluster: PostgresCluster;

beforeAll(async () => {
  cluster = await startPostgresCluster({ pgbouncer: true, poolSize: POOL_SIZE });
});

afterAll(async () => {
  await cluster?.stop();
});

describe('PgBouncerSource against a real pgbouncer', () => {
  it('sees clients waiting when more clients than pool_size hold transactions', async () => {
    const src = new PgBouncerSource({ dsn: cluster.pgbouncerAdminDsn!, required: true });
    await src.open();
    const clients = Array.from(
      { length: POOL_SIZE + 3 },
      () => new pg.Client({ connectionString: cluster.pgbouncerDsn }),
    );
    try {
      await Promise.all(clients.map((c) => c.connect()));
      await src.start();
      const sleeping = Promise.all(clients.map((c) => c.query('SELECT pg_sleep(1.2)')));
      await sleep(500);
      const busy = (await src.sample()).values;
      await sleeping;
      const idle = (await src.sample()).values;
      const { evidence, deltas } = await src.finish({ requests: 0, load_end_t: 1 });

      expect(busy.cl_waiting).toBe(3);
      expect(busy.sv_active).toBe(POOL_SIZE);
      expect(busy.maxwait_ms).toBeGreaterThan(200);
      expect(idle.cl_waiting).toBe(0);
      expect(idle.sv_active).toBe(0);
      expect(evidence.db!.pooler).toMatchObject({ present: true, cl_waiting_max: 3, sv_active_max: POOL_SIZE });
      expect(evidence.db!.pooler!.maxwait_ms_max).toBeGreaterThan(200);
      // Five transactions went through; the three that queued waited about one sleep each.
      expect(deltas.xact_count).toBe(POOL_SIZE + 3);
      expect(deltas.query_count).toBe(POOL_SIZE + 3);
      expect(deltas.wait_time_us as number).toBeGreaterThan(3 * 800_000);
    } finally {
      await Promise.all(clients.map((c) => c.end().catch(() => undefined)));
      await src.close();
    }
  });

  it('rejects a user the admin console does not know, saying it is an auth failure', async () => {
    const dsn = cluster.pgbouncerAdminDsn!.replace('postgres@', 'intruder:Hidden-Pw-5521@');
    const src = new PgBouncerSource({ dsn, required: true });
    const err = await src.open().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/pgbouncer.*authentication failed/);
    expect(err?.message).not.toContain('Hidden-Pw-5521');
  });
});
