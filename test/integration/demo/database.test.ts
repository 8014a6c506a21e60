import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoDatabase, type DemoDatabase } from '../../../src/demo/database.js';
import { listJoined, listWithNPlusOne, PAGE_SIZE } from '../../../src/demo/catalog.js';
import { PostgresSource } from '../../../src/sources/postgres/postgres-source.js';

let db: DemoDatabase;

beforeAll(async () => {
  db = await startDemoDatabase();
}, 60_000);

afterAll(async () => {
  await db?.close();
});

describe('the demo database (PGlite over pglite-socket)', () => {
  it(
    "is sampled by the tool's own Postgres source: " + 'pg_stat_statements, pg_stat_database, pg_stat_activity',
    async () => {
      const source = new PostgresSource({ dsn: db.dsn, requireStatements: true });
      await source.open();
      try {
        await source.start();
        const before = await source.sample(0);
        for (let i = 0; i < 3; i++) await listWithNPlusOne(db);
        await listJoined(db);
        const sample = await source.sample(1);
        expect(sample.values.statement_calls! - before.values.statement_calls!).toBe(3 * (1 + PAGE_SIZE) + 1);
        expect(sample.values.max_connections).toBeGreaterThan(0);
        expect(sample.values.backends_total).toBe(0); // one standalone backend, no client backends
        // A backend publishes its table and block statistics at most once a second, when it goes idle.
        await new Promise((r) => setTimeout(r, 1100));
        await source.sample(2);
        const { evidence } = await source.finish({ requests: 4, load_end_t: 1 });
        const statements = evidence.db!.statements!;
        const supplier = statements.find((s) => s.query === 'SELECT name FROM suppliers WHERE id = $1');
        expect(supplier?.calls).toBe(3 * PAGE_SIZE);
        expect(evidence.db!.queries_per_request).toBe((3 * (1 + PAGE_SIZE) + 1) / 4);
        expect(evidence.db!.blks_hit).toBeGreaterThan(0);
        expect(evidence.db!.connections?.max_connections).toBeGreaterThan(0);
      } finally {
        await source.close();
      }
    },
  );

  it('serves the same rows through the N+1 view and its JOIN twin', async () => {
    const [n1, joined] = await Promise.all([listWithNPlusOne(db), listJoined(db)]);
    expect(n1).toHaveLength(PAGE_SIZE);
    expect(joined).toEqual(n1);
  });
});
