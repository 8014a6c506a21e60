/**
 * One read-only connection of a source: application_name=scale-audit, default_transaction_read_only, a
 * statement_timeout and a connect timeout. It times every query (the tool's overhead on the server), counts
 * its own transactions (so they can be taken out of pg_stat_database deltas) and reconnects on the next query
 * after the connection was lost.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { redactText, redactUrl } from '../../util/redact.js';
import { SourceOpenError, connectError } from './connect-error.js';

export const APPLICATION_NAME = 'scale-audit';

export interface PgConnectionOptions {
  dsn: string;
  /** What this connection watches, for messages: "postgres primary", "replica:1", "pgbouncer". */
  label: string;
  statementTimeoutMs: number;
  connectTimeoutMs: number;
  /**
   * Postgres itself: send the session settings as startup parameters. The pgbouncer admin console refuses
   * unknown startup parameters, so it only gets a client-side query timeout.
   */
  serverSettings: boolean;
}

export class PgConnection {
  private client: pg.Client | undefined;
  private lost: Error | undefined;
  /** Milliseconds spent waiting for this connection's queries. */
  busyMs = 0;
  /** Statements run (each one is a transaction of its own) that succeeded and that failed. */
  commits = 0;
  rollbacks = 0;

  constructor(private readonly options: PgConnectionOptions) {
    redactUrl(options.dsn); // remembers the password so any free text mentioning it is masked
  }

  /** host:port/database as user, never the password. */
  get target(): string {
    return describeTarget(this.options.dsn);
  }

  get label(): string {
    return this.options.label;
  }

  async open(): Promise<void> {
    let config: pg.ClientConfig;
    try {
      config = this.clientConfig();
    } catch {
      throw new SourceOpenError(
        `${this.options.label}: not a valid postgres:// DSN (${redactText(redactUrl(this.options.dsn))})`,
        'other',
      );
    }
    const client = new pg.Client(config);
    client.on('error', (err) => {
      this.lost = err;
    });
    client.on('end', () => {
      this.lost ??= new Error('connection closed by the server');
    });
    try {
      await client.connect();
    } catch (err) {
      await client.end().catch(() => undefined);
      throw connectError(this.options.label, this.target, err);
    }
    this.client = client;
    this.lost = undefined;
  }

  async query<Row = Record<string, unknown>>(sql: string): Promise<Row[]> {
    if (!this.client || this.lost) await this.reconnect();
    const started = performance.now();
    try {
      const result = await this.client!.query(sql);
      this.commits++;
      return result.rows as Row[];
    } catch (err) {
      this.rollbacks++;
      throw new Error(redactText(`${this.options.label}: ${(err as Error).message}`));
    } finally {
      this.busyMs += performance.now() - started;
    }
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private async reconnect(): Promise<void> {
    const reason = this.lost?.message;
    await this.close();
    try {
      await this.open();
    } catch (err) {
      throw new Error(redactText(`${(err as Error).message}${reason ? ` (after: ${reason})` : ''}`));
    }
  }

  private clientConfig(): pg.ClientConfig {
    const { dsn, statementTimeoutMs, connectTimeoutMs, serverSettings } = this.options;
    // Settings in the DSN query string would override ours (pg lets the connection string win): take them out.
    const url = new URL(dsn);
    const userOptions = url.searchParams.get('options') ?? '';
    for (const name of ['application_name', 'options', 'statement_timeout', 'default_transaction_read_only']) {
      url.searchParams.delete(name);
    }
    const config: pg.ClientConfig = {
      connectionString: url.toString(),
      application_name: APPLICATION_NAME,
      connectionTimeoutMillis: connectTimeoutMs,
      query_timeout: statementTimeoutMs + 1000,
    };
    if (serverSettings) {
      config.statement_timeout = statementTimeoutMs;
      config.options = `${userOptions} -c default_transaction_read_only=on`.trim();
    }
    return config;
  }
}

export function describeTarget(dsn: string): string {
  try {
    const url = new URL(dsn);
    const user = url.username ? ` as ${decodeURIComponent(url.username)}` : '';
    return `${url.host}${url.pathname}${user}`;
  } catch {
    return redactText(dsn);
  }
}
