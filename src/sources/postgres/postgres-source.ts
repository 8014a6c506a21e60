/**
 * Samples a PostgreSQL primary and its replicas while the load runs: pg_stat_database, pg_stat_activity,
 * pg_stat_statements (on every server: reads sent to replicas are queries too), pg_stat_user_tables and
 * replication lag. One read-only connection per server; the tool's own statements are left out of every count.
 */
import { performance } from 'node:perf_hooks';
import type { TableStat } from '../../result/evidence.js';
import type { FinishContext, Sample, Source, SourceSummary } from '../source.js';
import type { ActivityReading } from './activity-summary.js';
import { PgConnection, describeTarget } from './connection.js';
import { SourceOpenError } from './connect-error.js';
import { counterDelta, type DbCounters } from './db-counters.js';
import { buildDbEvidence } from './db-evidence.js';
import type { LagObservation } from './lag-summary.js';
import { ObservedServer, type Baseline, type ServerReading } from './observed-server.js';
import {
  diffStatements,
  type StatementCounters,
  type StatementDiff,
  type StatementSnapshot,
} from './statement-diff.js';
import { diffTables, mergeTables } from './table-diff.js';
import type { EndpointDbProfile } from '../../result/evidence.js';
import { endpointProfile } from './statement-diff.js';
import { splitRoles, type SeenBackend } from './statement-kind.js';
import { WalClock } from './wal-clock.js';

export interface PostgresSourceOptions {
  /** DSN of the primary (postgres://user:password@host:port/database). */
  dsn: string;
  /** DSNs of the replicas, named "replica:1", "replica:2", … in this order. */
  replicas?: string[];
  /** How many statements to keep, by total time and by calls. Default 10. */
  top?: number;
  /** A required source unreachable at open() stops the run (exit 3). Default true. */
  required?: boolean;
  /** Default "postgres". */
  id?: string;
  /** statement_timeout of the sampling connections. Default 5000 ms. */
  statementTimeoutMs?: number;
  /** Default 5000 ms. */
  connectTimeoutMs?: number;
  /** Make open() fail when pg_stat_statements cannot be read on the primary. Default false: reported as absent. */
  requireStatements?: boolean;
}

const TABLES_KEPT = 50;

export class PostgresSource implements Source {
  readonly id: string;
  readonly kind = 'postgres';
  readonly required: boolean;
  private readonly top: number;
  private readonly requireStatements: boolean;
  private readonly primary: ObservedServer;
  private readonly replicas: ObservedServer[];
  private baselines = new Map<string, Baseline>();
  private startedAt: number | undefined;
  private busyAtStart: number[] = [];
  private activity: ActivityReading[] = [];
  private lag: LagObservation[] = [];
  /** When the primary's WAL reached which position: dates what a replica has not replayed yet. */
  private readonly wal = new WalClock();
  private walNow: number | undefined;
  private backends = new Map<string, SeenBackend>();
  private standbysSeen = 0;
  /** Failures of replicas (the primary's fail the sample itself), with how often each happened. */
  private errors = new Map<string, number>();

  constructor(private readonly options: PostgresSourceOptions) {
    this.id = options.id ?? 'postgres';
    this.required = options.required ?? true;
    this.top = options.top ?? 10;
    this.requireStatements = options.requireStatements ?? false;
    const connect = (dsn: string, label: string): PgConnection =>
      new PgConnection({
        dsn,
        label,
        statementTimeoutMs: options.statementTimeoutMs ?? 5000,
        connectTimeoutMs: options.connectTimeoutMs ?? 5000,
        serverSettings: true,
      });
    this.primary = new ObservedServer('primary', connect(options.dsn, 'postgres primary'), 'primary');
    this.replicas = (options.replicas ?? []).map(
      (dsn, i) => new ObservedServer(`replica:${i + 1}`, connect(dsn, `postgres replica:${i + 1}`), 'replica'),
    );
  }

  describe(): string {
    const replicas = (this.options.replicas ?? []).map((dsn, i) => `replica:${i + 1} ${describeTarget(dsn)}`);
    return (
      [`postgres primary ${describeTarget(this.options.dsn)}`, ...replicas].join(', ') +
      ' (pg_stat_database, pg_stat_activity, pg_stat_statements, pg_stat_user_tables, replication lag)'
    );
  }

  async open(): Promise<void> {
    const results = await Promise.allSettled(this.servers.map((s) => s.open()));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) {
      await this.close();
      throw failed.reason;
    }
    if (this.requireStatements && !this.primary.statementsAvailable) {
      await this.close();
      throw new SourceOpenError(
        `postgres primary (${this.primary.connection.target}): missing extension pg_stat_statements — ` +
          `${this.primary.statementsUnavailable}`,
        'missing-extension',
      );
    }
  }

  async start(): Promise<void> {
    this.activity = [];
    this.lag = [];
    this.wal.reset();
    this.backends.clear();
    this.standbysSeen = 0;
    this.errors.clear();
    const now = performance.now();
    const results = await Promise.allSettled(this.servers.map((s) => s.baseline()));
    this.baselines = new Map();
    results.forEach((result, i) => {
      const server = this.servers[i]!;
      if (result.status === 'rejected') {
        if (server === this.primary) throw result.reason;
        this.noteError(result.reason);
        return;
      }
      this.baselines.set(server.name, result.value);
      this.observe(server.name, result.value.reading, now);
    });
    this.startedAt = performance.now();
    this.busyAtStart = this.servers.map((s) => s.connection.busyMs);
  }

  async sample(now: number): Promise<Sample> {
    const busy = this.busyMs();
    const [primary, ...replicas] = await Promise.allSettled([
      this.primary.read(),
      ...this.replicas.map((r) => r.read()),
    ]);
    if (primary!.status === 'rejected') throw primary.reason;
    const p = primary.value;
    this.observe('primary', p, now);
    const values: Record<string, number> = {
      ...p.counters,
      ...p.activity,
      max_connections: this.primary.facts.max_connections,
    };
    let statementCalls = p.statement_calls;
    p.standbys?.forEach((s, i) => {
      for (const key of ['write_lag_s', 'flush_lag_s', 'replay_lag_s', 'lag_bytes'] as const) {
        if (s[key] !== undefined) values[`standby_${i + 1}_${key}`] = s[key]!;
      }
    });
    replicas.forEach((result, i) => {
      const prefix = `replica_${i + 1}_`;
      values[`${prefix}up`] = result.status === 'fulfilled' ? 1 : 0;
      if (result.status === 'rejected') return this.noteError(result.reason);
      const reading = result.value;
      const lag = this.observe(this.replicas[i]!.name, reading, now);
      values[`${prefix}xact_commit`] = reading.counters.xact_commit;
      values[`${prefix}tup_returned`] = reading.counters.tup_returned;
      if (lag?.lag_s !== undefined) values[`${prefix}lag_s`] = lag.lag_s;
      if (lag?.lag_bytes !== undefined) values[`${prefix}lag_bytes`] = lag.lag_bytes;
      if (reading.statement_calls !== undefined) statementCalls = (statementCalls ?? 0) + reading.statement_calls;
    });
    if (statementCalls !== undefined) values.statement_calls = statementCalls;
    values.sampling_ms = round3(this.busyMs() - busy);
    return { values };
  }

  async finish(ctx: FinishContext): Promise<SourceSummary> {
    if (this.startedAt === undefined) await this.start();
    const finals = await Promise.allSettled(this.servers.map((s) => s.final()));
    const elapsedMs = performance.now() - this.startedAt!;
    const busyPerServer = this.servers.map((s, i) => s.connection.busyMs - (this.busyAtStart[i] ?? 0));
    if (finals[0]!.status === 'rejected') throw finals[0]!.reason;
    const run = this.compareWithBaselines(finals);
    const replicas = this.replicas.flatMap((r) => {
      const delta = run.counters.get(r.name);
      return delta ? [{ name: r.name, delta }] : [];
    });
    const evidence = buildDbEvidence({
      requests: ctx.requests,
      top: this.top,
      statementsAvailable: this.primary.statementsAvailable,
      statements: run.statements.statements,
      statementsReset: run.statementsReset,
      statementsDealloc: run.statementsDealloc,
      primary: run.counters.get('primary')!,
      maxConnections: this.primary.facts.max_connections,
      activity: this.activity,
      tables: mergeTables(run.tables, TABLES_KEPT),
      replicas,
      lag: this.lag,
      backends: this.seenBackends(),
      unwatchedStandbys: Math.max(0, this.standbysSeen - this.replicas.length),
      // The busiest server: the share of one connection's time the tool kept that server working for it.
      overheadRatio: elapsedMs > 0 ? Math.max(...busyPerServer) / elapsedMs : 0,
    });
    const deltas: Record<string, unknown> = {
      ...evidence,
      requests: ctx.requests,
      primary: run.counters.get('primary'),
      replicas: replicas.map(({ name, delta }) => ({
        name,
        ...delta,
        ...evidence.replicas?.find((r) => r.name === name),
      })),
      sampling_statements: run.samplingStatements,
      statements_lost_entries: run.statements.lost_entries,
      elapsed_s: Math.round(elapsedMs) / 1000,
      sampling_ms: round3(busyPerServer.reduce((a, b) => a + b, 0)),
    };
    if (Object.keys(run.statementsUnavailable).length > 0)
      deltas.pg_stat_statements_unavailable = run.statementsUnavailable;
    const warnings = this.warnings();
    if (warnings.length > 0) deltas.warnings = warnings;
    if (this.errors.size > 0) deltas.errors = [...this.errors].map(([reason, count]) => ({ reason, count }));
    return { deltas, evidence: { db: evidence } };
  }

  /** pg_stat_statements of the primary and every replica now (the tool's own statements excluded). */
  async statementSnapshot(): Promise<Map<string, StatementCounters>> {
    const snapshots = await Promise.all(this.servers.map((s) => s.statements()));
    return new Map(snapshots.flatMap((s) => [...s]));
  }

  /** What requests to one endpoint cost since `before`, with background workers' roles told apart. */
  async profileSince(before: StatementSnapshot, requests: number): Promise<EndpointDbProfile> {
    const after = await this.statementSnapshot();
    for (const b of await this.primary.backends()) this.noteBackend(b);
    const roles = [...after.values()].flatMap((s) => (s.role ? [s.role] : []));
    const asyncRoles = new Set(splitRoles(roles, this.seenBackends()).async);
    return endpointProfile(before, after, requests, this.top, asyncRoles);
  }

  async close(): Promise<void> {
    await Promise.all(this.servers.map((s) => s.close()));
  }

  private get servers(): ObservedServer[] {
    return [this.primary, ...this.replicas];
  }

  private busyMs(): number {
    return this.servers.reduce((sum, s) => sum + s.connection.busyMs, 0);
  }

  /** Every server's end reading against its baseline: counters, statements, tables. */
  private compareWithBaselines(finals: PromiseSettledResult<Baseline>[]): RunComparison {
    const run: RunComparison = {
      counters: new Map(),
      samplingStatements: {},
      statements: { statements: [], reset_entries: 0, lost_entries: 0 },
      statementsReset: false,
      statementsDealloc: 0,
      statementsUnavailable: {},
      tables: [],
    };
    const before: StatementSnapshot = new Map();
    const after: StatementSnapshot = new Map();
    this.servers.forEach((server, i) => {
      const result = finals[i]!;
      const base = this.baselines.get(server.name);
      if (result.status === 'rejected') return this.noteError(result.reason);
      if (!base) return;
      const end = result.value;
      this.observe(server.name, end.reading, performance.now());
      const own = { commits: end.own.commits - base.own.commits, rollbacks: end.own.rollbacks - base.own.rollbacks };
      run.counters.set(server.name, counterDelta(base.reading.counters, end.reading.counters, own));
      run.samplingStatements[server.name] = end.executed - base.executed;
      if (server.statementsUnavailable) run.statementsUnavailable[server.name] = server.statementsUnavailable;
      for (const [key, value] of base.statements) before.set(key, value);
      for (const [key, value] of end.statements) after.set(key, value);
      if (base.info && end.info) {
        run.statementsReset ||= base.info.stats_reset !== end.info.stats_reset;
        run.statementsDealloc += Math.max(0, end.info.dealloc - base.info.dealloc);
      }
      run.tables.push(diffTables(base.tables, end.tables));
    });
    run.statements = diffStatements(before, after);
    run.statementsReset ||= run.statements.reset_entries > 0;
    return run;
  }

  private warnings(): string[] {
    const limited = this.servers.filter((s) => s.facts && !s.facts.sees_all_stats).map((s) => s.name);
    return limited.length === 0
      ? []
      : [
          `the sampling role lacks pg_read_all_stats on ${limited.join(', ')}: other users' backend states and ` +
            'statement texts are hidden (their calls still count)',
        ];
  }

  private noteError(err: unknown): void {
    const reason = err instanceof Error ? err.message : String(err);
    if (this.errors.size < 50 || this.errors.has(reason)) this.errors.set(reason, (this.errors.get(reason) ?? 0) + 1);
  }

  /** The backends seen, with role OIDs named from the statement snapshots. */
  private seenBackends(): SeenBackend[] {
    const names = new Map(this.servers.flatMap((s) => [...s.roleNames]));
    return [...this.backends.values()].map((b) => ({ ...b, role: names.get(b.role) ?? b.role }));
  }

  private noteBackend(b: SeenBackend): void {
    this.backends.set(`${b.role}\u0000${b.application_name}`, b);
  }

  /** Notes a reading; for a replica, returns its lag. */
  private observe(name: string, reading: ServerReading, t: number): ReplicaLag | undefined {
    if (reading.activity) this.activity.push(reading.activity);
    if (name !== 'primary') {
      const lag = replicaLag(reading, this.wal, this.walNow, performance.now());
      this.lag.push({ t, replica: name, ...lag });
      return lag;
    }
    for (const b of reading.backends ?? []) this.noteBackend(b);
    this.walNow = reading.wal_lsn;
    if (reading.wal_lsn !== undefined) this.wal.mark(performance.now(), reading.wal_lsn);
    this.standbysSeen = Math.max(this.standbysSeen, reading.standbys?.length ?? 0);
    const watchedDirectly = this.replicas.length > 0;
    for (const s of reading.standbys ?? []) {
      const caughtUp = s.state === 'streaming' ? 0 : undefined;
      this.lag.push({
        t,
        replica: `standby:${s.name}`,
        lag_s: watchedDirectly ? undefined : (s.replay_lag_s ?? caughtUp),
        lag_bytes: s.lag_bytes,
      });
    }
    return undefined;
  }
}

interface RunComparison {
  counters: Map<string, DbCounters>;
  samplingStatements: Record<string, number>;
  statements: StatementDiff;
  statementsReset: boolean;
  statementsDealloc: number;
  statementsUnavailable: Record<string, string>;
  tables: TableStat[][];
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;

interface ReplicaLag {
  lag_s?: number;
  at_least?: boolean;
  lag_bytes?: number;
}

/**
 * A replica's lag: how old the oldest change it has not replayed is (dated by the primary's WAL positions
 * over the run), and the bytes between the primary's WAL position and its replay position.
 */
function replicaLag(reading: ServerReading, wal: WalClock, primaryLsn: number | undefined, now: number): ReplicaLag {
  const replayed = reading.replay_lsn;
  if (replayed === undefined) return reading.lag_bytes === 0 ? { lag_s: 0, lag_bytes: 0 } : {};
  const age = wal.age(replayed, now);
  const bytes = primaryLsn !== undefined ? Math.max(0, primaryLsn - replayed) : reading.lag_bytes;
  return {
    ...(age ? { lag_s: age.seconds, ...(age.at_least ? { at_least: true } : {}) } : {}),
    ...(bytes !== undefined ? { lag_bytes: bytes } : {}),
  };
}

export { diffStatements, endpointProfile } from './statement-diff.js';
export type { StatementCounters, StatementSnapshot, StatementDiff } from './statement-diff.js';
