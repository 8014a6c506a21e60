/**
 * Samples pgbouncer through its admin console (simple query protocol only: pg sends a query without
 * parameters as one simple Query message): SHOW POOLS each interval, SHOW STATS deltas over the run.
 */
import type { FinishContext, Sample, Source, SourceSummary } from '../source.js';
import { PgConnection, describeTarget } from './connection.js';
import {
  poolPeaks,
  poolTotals,
  statsDelta,
  statsTotals,
  type PoolTotals,
  type StatsTotals,
} from './pgbouncer-stats.js';

export interface PgBouncerSourceOptions {
  /** Admin console DSN: postgres://user:password@host:6432/pgbouncer (user in admin_users or stats_users). */
  dsn: string;
  /** A required source unreachable at open() stops the run (exit 3). Default true. */
  required?: boolean;
  /** Only the pools of this database (default: every pool but the admin console's). */
  database?: string;
  /** Default "pgbouncer". */
  id?: string;
  /** Client-side timeout of each SHOW. Default 5000 ms. */
  statementTimeoutMs?: number;
  /** Default 5000 ms. */
  connectTimeoutMs?: number;
}

export class PgBouncerSource implements Source {
  readonly id: string;
  readonly kind = 'pgbouncer';
  readonly required: boolean;
  private readonly connection: PgConnection;
  private pools: PoolTotals[] = [];
  private statsAtStart: StatsTotals | undefined;

  constructor(private readonly options: PgBouncerSourceOptions) {
    this.id = options.id ?? 'pgbouncer';
    this.required = options.required ?? true;
    this.connection = new PgConnection({
      dsn: options.dsn,
      label: 'pgbouncer',
      statementTimeoutMs: options.statementTimeoutMs ?? 5000,
      connectTimeoutMs: options.connectTimeoutMs ?? 5000,
      serverSettings: false,
    });
  }

  describe(): string {
    return `pgbouncer ${describeTarget(this.options.dsn)} (SHOW POOLS, SHOW STATS)`;
  }

  async open(): Promise<void> {
    await this.connection.open();
    try {
      await this.connection.query('SHOW POOLS');
    } catch (err) {
      await this.connection.close();
      throw err;
    }
  }

  async start(): Promise<void> {
    this.pools = [];
    this.statsAtStart = await this.stats();
    this.pools.push(await this.readPools());
  }

  async sample(): Promise<Sample> {
    const pools = await this.readPools();
    this.pools.push(pools);
    const stats = await this.stats();
    const values: Record<string, number> = { ...pools };
    for (const [key, value] of Object.entries(stats)) values[`total_${key}`] = value;
    return { values };
  }

  async finish(_ctx: FinishContext): Promise<SourceSummary> {
    if (!this.statsAtStart) await this.start();
    this.pools.push(await this.readPools());
    const delta = statsDelta(this.statsAtStart!, await this.stats());
    const peaks = poolPeaks(this.pools);
    const avgWaitMs = delta.xact_count > 0 ? delta.wait_time_us / 1000 / delta.xact_count : 0;
    return {
      deltas: { ...delta, ...peaks, avg_wait_ms_per_xact: Math.round(avgWaitMs * 1000) / 1000 },
      evidence: {
        db: {
          pooler: {
            present: true,
            cl_waiting_max: peaks.cl_waiting_max,
            maxwait_ms_max: peaks.maxwait_ms_max,
            sv_active_max: peaks.sv_active_max,
          },
        },
      },
    };
  }

  async close(): Promise<void> {
    await this.connection.close();
  }

  private async readPools(): Promise<PoolTotals> {
    return poolTotals(await this.connection.query('SHOW POOLS'), this.options.database);
  }

  private async stats(): Promise<StatsTotals> {
    return statsTotals(await this.connection.query('SHOW STATS'), this.options.database);
  }
}
