/**
 * A small target app doing real work against the Postgres harness, like a Django view would:
 *   GET  /n-plus-one   1 + k queries (a list, then one query per row; ?k= overrides the default k)
 *   GET  /single       one query
 *   GET  /read         one query on the replica (a read router)
 *   POST /write        one INSERT on the primary
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';

export interface PostgresAppOptions {
  primaryDsn: string;
  /** Reads of /read go here; without it they go to the primary. */
  replicaDsn?: string;
  /** Queries per row of /n-plus-one. Default 3. */
  k?: number;
  poolSize?: number;
}

export interface PostgresApp {
  url: string;
  close(): Promise<void>;
}

export async function startPostgresApp(options: PostgresAppOptions): Promise<PostgresApp> {
  const pool = (dsn: string): pg.Pool => {
    const p = new pg.Pool({ connectionString: dsn, max: options.poolSize ?? 4, application_name: 'test-app' });
    p.on('error', () => undefined);
    return p;
  };
  const primary = pool(options.primaryDsn);
  const replica = options.replicaDsn ? pool(options.replicaDsn) : primary;
  const defaultK = options.k ?? 3;

  const routes: Record<string, (url: URL) => Promise<unknown>> = {
    'GET /n-plus-one': async (url) => {
      const k = Number(url.searchParams.get('k') ?? defaultK);
      const list = await primary.query('SELECT id FROM items ORDER BY id LIMIT $1', [k]);
      const names = [];
      for (const row of list.rows) {
        const item = await primary.query('SELECT name FROM items WHERE id = $1', [row.id]);
        names.push(item.rows[0].name);
      }
      return { names };
    },
    'GET /single': async () => (await primary.query('SELECT count(*)::int AS n FROM items')).rows[0],
    'GET /read': async () => {
      const id = 1 + Math.floor(Math.random() * 200);
      return (await replica.query('SELECT id, name FROM items WHERE id = $1', [id])).rows[0];
    },
    'POST /write': async () =>
      (await primary.query('INSERT INTO events (payload) VALUES ($1) RETURNING id', [`event ${Date.now()}`])).rows[0],
  };

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = routes[`${req.method} ${url.pathname}`];
    req.resume();
    if (!route) {
      res.writeHead(404).end();
      return;
    }
    route(url).then(
      (body) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)),
      (err: Error) => res.writeHead(500, { 'content-type': 'text/plain' }).end(err.message),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await primary.end();
      if (replica !== primary) await replica.end();
    },
  };
}
