/**
 * The demo's database: PGlite (PostgreSQL compiled to WASM, in this process, in memory) with pg_stat_statements,
 * served on a free loopback port by pglite-socket, so the tool's own Postgres source samples it over the wire
 * like any server. Nothing is installed, nothing runs as another user, nothing is left on disk.
 * PGlite is one backend: the app's queries and the sampler's are serialized onto it (the socket server queues
 * them), and pg_stat_activity shows no client backends.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { pg_stat_statements } from '@electric-sql/pglite/contrib/pg_stat_statements';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

export interface DemoDatabase {
  /** postgres://… on 127.0.0.1 for the Postgres source (no password: PGlite accepts any). */
  dsn: string;
  query<Row>(sql: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

export const DEMO_ROWS = { suppliers: 50, products: 20_000 } as const;

const SCHEMA = `CREATE EXTENSION pg_stat_statements;
CREATE TABLE suppliers (id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE products (
  id int PRIMARY KEY, name text NOT NULL, supplier_id int NOT NULL REFERENCES suppliers, price numeric(8, 2) NOT NULL
);
INSERT INTO suppliers SELECT g, 'supplier ' || g FROM generate_series(1, ${DEMO_ROWS.suppliers}) g;
INSERT INTO products SELECT g, 'product ' || g, 1 + g % ${DEMO_ROWS.suppliers}, (g % 997) / 10.0
  FROM generate_series(1, ${DEMO_ROWS.products}) g;
ANALYZE;`;

/**
 * The seeded data directory, made by `npm run build` (writeDemoDataDir) beside the compiled module: loading it
 * takes a fraction of a second where initdb and the seed take seconds. Without it (run from the TypeScript
 * sources) the database is created from scratch.
 */
export const DATADIR_URL = new URL('./demo-pgdata.tar.gz', import.meta.url);

export async function startDemoDatabase(): Promise<DemoDatabase> {
  const db = await openDatabase();
  let server: PGLiteSocketServer | undefined;
  try {
    await db.exec('SELECT pg_stat_statements_reset()');
    // Two sockets: the source's sampling connection and a reconnect while the old one is still closing.
    server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 2 });
    await server.start();
  } catch (err) {
    await db.close();
    throw err;
  }
  const running = server;
  return {
    dsn: `postgres://postgres@127.0.0.1:${listeningPort(running)}/postgres`,
    query: async <Row>(sql: string, params: unknown[] = []) => (await db.query<Row>(sql, params)).rows,
    close: async () => {
      await running.stop();
      await db.close();
    },
  };
}

async function openDatabase(): Promise<PGlite> {
  const extensions = { pg_stat_statements };
  if (existsSync(DATADIR_URL)) {
    return PGlite.create({ extensions, loadDataDir: new Blob([readFileSync(DATADIR_URL)]) });
  }
  const db = await PGlite.create({ extensions });
  try {
    await db.exec(SCHEMA);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

/** Build step: the seeded data directory as a gzipped tarball, for startDemoDatabase to load. */
export async function writeDemoDataDir(target: URL = DATADIR_URL): Promise<void> {
  const db = await PGlite.create({ extensions: { pg_stat_statements } });
  try {
    await db.exec(SCHEMA);
    const dump = await db.dumpDataDir('gzip');
    writeFileSync(target, Buffer.from(await dump.arrayBuffer()));
  } finally {
    await db.close();
  }
}

function listeningPort(server: PGLiteSocketServer): number {
  // getServerConn() is "127.0.0.1:<port>" once listening on port 0.
  const port = Number(server.getServerConn().split(':').pop());
  if (!Number.isInteger(port) || port <= 0) throw new Error('demo database: the socket server has no port');
  return port;
}
