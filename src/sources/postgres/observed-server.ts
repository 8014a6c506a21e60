/**
 * One server a PostgresSource watches (the primary or a replica) through one connection: what it is, whether
 * pg_stat_statements is readable there, and the readings the source takes from it.
 */
import type { TableStat } from '../../result/evidence.js';
import type { ActivityReading } from './activity-summary.js';
import type { PgConnection } from './connection.js';
import { DB_COUNTER_NAMES, type DbCounters, type OwnTransactions } from './db-counters.js';
import {
  FLUSH_OWN_STATS,
  PGSS_PROBE,
  SERVER_FACTS,
  TABLES_SQL,
  primarySampleSql,
  replicaSampleSql,
  statementsInfoSql,
  backendsSql,
  statementsSql,
  type ServerFacts,
} from './queries.js';
import type { SeenBackend } from './statement-kind.js';
import { statementKey, type StatementCounters, type StatementSnapshot } from './statement-diff.js';
import type { TableSnapshot } from './table-diff.js';

export interface StandbyReading {
  name: string;
  state: string;
  write_lag_s?: number;
  flush_lag_s?: number;
  replay_lag_s?: number;
  lag_bytes?: number;
}

export interface ServerReading {
  counters: DbCounters;
  /** Primary only. */
  activity?: ActivityReading;
  standbys?: StandbyReading[];
  /** Primary only: its WAL position (bytes since 0/0), to date a replica's replay position against. */
  wal_lsn?: number;
  /** Primary only: the role (its OID, see `roleNames`) and application_name of each kind of client backend. */
  backends?: SeenBackend[];
  /** Replica only: bytes received but not replayed, and the replay position (bytes since 0/0). */
  lag_bytes?: number;
  replay_lsn?: number;
  /** Σ calls of pg_stat_statements in the target database, the tool's own excluded. */
  statement_calls?: number;
}

export interface StatementsInfo {
  dealloc: number;
  stats_reset: string | null;
}

/** A baseline of the counters that a run's deltas are taken against. */
export interface Baseline {
  reading: ServerReading;
  /** The tool's transactions included in `reading`. */
  own: OwnTransactions;
  /** Statements the tool had run on this connection when the reading was taken. */
  executed: number;
  statements: StatementSnapshot;
  info?: StatementsInfo;
  tables: TableSnapshot;
}

export class ObservedServer {
  facts!: ServerFacts;
  /** Why pg_stat_statements cannot be read here (undefined when it can). */
  statementsUnavailable: string | undefined = 'not checked';
  /** Role OID → name, from the statement snapshots (which may read the catalog; samples never do). */
  readonly roleNames = new Map<string, string>();
  private sampleSql = '';
  private published: OwnTransactions = { commits: 0, rollbacks: 0 };

  constructor(
    /** "primary" or "replica:<n>". */
    readonly name: string,
    readonly connection: PgConnection,
    readonly role: 'primary' | 'replica',
  ) {}

  get statementsAvailable(): boolean {
    return this.statementsUnavailable === undefined;
  }

  async open(): Promise<void> {
    await this.connection.open();
    const [row] = await this.connection.query<Record<string, unknown>>(SERVER_FACTS);
    this.facts = {
      oid: Number(row!.oid),
      database: String(row!.database),
      version: Number(row!.version),
      in_recovery: Boolean(row!.in_recovery),
      max_connections: Number(row!.max_connections),
      pgss_version: row!.pgss_version == null ? null : String(row!.pgss_version),
      sees_all_stats: Boolean(row!.sees_all_stats),
    };
    this.statementsUnavailable = await this.probeStatements();
    this.sampleSql =
      this.role === 'primary'
        ? primarySampleSql(this.facts, this.statementsAvailable)
        : replicaSampleSql(this.facts, this.statementsAvailable);
    // Warm the backend's catalog caches so that later sampling statements touch no catalog at all.
    await this.read();
    await this.baseline();
  }

  async read(): Promise<ServerReading> {
    const [row] = await this.connection.query<Record<string, unknown>>(this.sampleSql);
    return toReading(row!, this.role);
  }

  /** Counters (with every own transaction so far published first), statements and tables. */
  async baseline(): Promise<Baseline> {
    const tables = await this.tables();
    const statements = await this.statements();
    const info = await this.statementsInfo();
    const own = await this.publishedOwnTransactions(true);
    const executed = this.executed;
    const reading = await this.read();
    return { reading, own, executed, statements, info, tables };
  }

  /** Counters first (so later statements of the tool stay out of them), then statements and tables. */
  async final(): Promise<Baseline> {
    const own = await this.publishedOwnTransactions(false);
    const executed = this.executed;
    const reading = await this.read();
    const statements = await this.statements();
    const info = await this.statementsInfo();
    const tables = await this.tables();
    return { reading, own, executed, statements, info, tables };
  }

  private get executed(): number {
    return this.connection.commits + this.connection.rollbacks;
  }

  async statements(): Promise<StatementSnapshot> {
    const snapshot: StatementSnapshot = new Map();
    if (!this.statementsAvailable) return snapshot;
    const rows = await this.connection.query<Record<string, unknown>>(
      statementsSql(this.facts.oid, this.facts.pgss_version!),
    );
    for (const row of rows) {
      if (row.userid != null && row.role != null) this.roleNames.set(String(row.userid), String(row.role));
      const counters: StatementCounters = {
        queryid: String(row.queryid),
        query: redactStatementText(String(row.query ?? '')),
        where: this.name,
        ...(row.role != null ? { role: String(row.role) } : {}),
        calls: Number(row.calls),
        total_ms: Number(row.total_ms),
        rows: Number(row.rows),
      };
      snapshot.set(statementKey(this.name, counters.queryid, counters.role), counters);
    }
    return snapshot;
  }

  /** The client backends of the database right now (primary only: a replica's are the web app's reads). */
  async backends(): Promise<SeenBackend[]> {
    const [row] = await this.connection.query<Record<string, unknown>>(backendsSql(this.facts.oid));
    return toBackends(row?.backends);
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  private async statementsInfo(): Promise<StatementsInfo | undefined> {
    const sql = this.statementsAvailable ? statementsInfoSql(this.facts.pgss_version!) : undefined;
    if (!sql) return undefined;
    const [row] = await this.connection.query<Record<string, unknown>>(sql);
    return row
      ? { dealloc: Number(row.dealloc), stats_reset: row.stats_reset == null ? null : String(row.stats_reset) }
      : undefined;
  }

  private async tables(): Promise<TableSnapshot> {
    const rows = await this.connection.query<Record<string, unknown>>(TABLES_SQL);
    return new Map(
      rows.map((r): [string, TableStat] => [
        String(r.table),
        {
          table: String(r.table),
          seq_scan: Number(r.seq_scan),
          seq_tup_read: Number(r.seq_tup_read),
          idx_scan: Number(r.idx_scan),
          idx_tup_fetch: Number(r.idx_tup_fetch),
        },
      ]),
    );
  }

  /**
   * The tool's own transactions that pg_stat_database has seen. On PG15+ a backend publishes its transaction
   * counts only along with other pending statistics (relation, WAL, SLRU), and the sampling statements create
   * none: after the baseline flushes (the tables snapshot leaves some pending), the tool's transactions stay
   * local to its backend and never reach the counters during the run. Before PG15 every transaction is sent
   * to the collector, so all of them count.
   */
  private async publishedOwnTransactions(flush: boolean): Promise<OwnTransactions> {
    const current = { commits: this.connection.commits, rollbacks: this.connection.rollbacks };
    if (this.facts.version < 150000) return current;
    if (flush) {
      await this.connection.query(FLUSH_OWN_STATS);
      this.published = { commits: this.connection.commits, rollbacks: this.connection.rollbacks };
    }
    return { ...this.published };
  }

  private async probeStatements(): Promise<string | undefined> {
    if (this.facts.pgss_version === null) return `extension not installed in database ${this.facts.database}`;
    try {
      await this.connection.query(PGSS_PROBE);
      return undefined;
    } catch (err) {
      return (err as Error).message.replace(/^[^:]+: /, '');
    }
  }
}

function toReading(row: Record<string, unknown>, role: 'primary' | 'replica'): ServerReading {
  const counters = {} as DbCounters;
  for (const name of DB_COUNTER_NAMES) counters[name] = Number(row[name] ?? 0);
  const reading: ServerReading = { counters };
  if (row.statement_calls != null) reading.statement_calls = Number(row.statement_calls);
  if (role === 'replica') {
    if (row.lag_bytes != null) reading.lag_bytes = Number(row.lag_bytes);
    if (row.replay_lsn != null) reading.replay_lsn = Number(row.replay_lsn);
    return reading;
  }
  if (row.wal_lsn != null) reading.wal_lsn = Number(row.wal_lsn);
  reading.backends = toBackends(row.backends);
  reading.activity = {
    backends_all: Number(row.backends_all),
    backends_total: Number(row.backends_total),
    backends_active: Number(row.backends_active),
    backends_idle: Number(row.backends_idle),
    backends_idle_in_transaction: Number(row.backends_idle_in_transaction),
    idle_in_transaction_age_max_s: Number(row.idle_in_transaction_age_max_s),
    longest_transaction_s: Number(row.longest_transaction_s),
    lock_waits: Number(row.lock_waits),
  };
  reading.standbys = ((row.replication as Record<string, unknown>[] | null) ?? []).map((s) => {
    const standby: StandbyReading = { name: String(s.name), state: String(s.state) };
    for (const key of ['write_lag_s', 'flush_lag_s', 'replay_lag_s', 'lag_bytes'] as const) {
      if (s[key] != null) standby[key] = Number(s[key]);
    }
    return standby;
  });
  return reading;
}

function toBackends(raw: unknown): SeenBackend[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((pair) => {
    const [role, app] = Array.isArray(pair) ? pair : [];
    return { role: String(role ?? ''), application_name: String(app ?? '') };
  });
}

/** Utility statements are stored verbatim: never let a password from CREATE/ALTER ROLE into a report. */
export function redactStatementText(query: string): string {
  return query.replace(/(\bpassword\s+)('(?:[^']|'')*'|\$\d+)/gi, "$1'***'");
}
