import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/load.js';
import { startRun } from '../../../src/run/pipeline.js';
import type { DrillActionResult, DrillResult, SourceResult } from '../../../src/result/run-result.js';
import { startPostgresCluster, type PostgresCluster } from '../../support/postgres-cluster.js';
import { startPostgresApp, type PostgresApp } from '../../support/app-postgres.js';

// A throwaway primary + streaming replica; the app writes on every request. The drill pauses WAL replay on
// the replica at 2 s and resumes it at 6 s; the Postgres source samples replica lag every 500 ms.
let cluster: PostgresCluster;
let app: PostgresApp;
let drill: DrillResult;
let actions: DrillActionResult[];
let pg: SourceResult;

const psql = (dsn: string, sql: string): string => `psql '${dsn}' -XAtqc '${sql}'`;

beforeAll(async () => {
  cluster = await startPostgresCluster({ replica: true });
  app = await startPostgresApp({ primaryDsn: cluster.primaryDsn, replicaDsn: cluster.replicaDsn });
  const config = validateConfig({
    target: app.url,
    endpoints: [{ method: 'POST', path: '/write' }],
    load: { rate: 40, duration: '10s' },
    slo: { p95: '500ms' },
    budgets: { replica_lag: '1s' },
    sources: { interval: '500ms', postgres: { primary: cluster.primaryDsn, replicas: [cluster.replicaDsn!] } },
    drill: {
      actions: [
        {
          name: 'pause replay on replica 1',
          at: '2s',
          run: psql(cluster.replicaDsn!, 'SELECT pg_wal_replay_pause()'),
          recover: { at: '6s', run: psql(cluster.replicaDsn!, 'SELECT pg_wal_replay_resume()') },
        },
      ],
    },
  });
  // The whole pipeline: the Postgres source samples lag every 500 ms and the drill runs inside the run.
  const result = await startRun(config).result;
  pg = result.sources.postgres!;
  drill = result.drill!;
  actions = drill.actions;
}, 60_000);

afterAll(async () => {
  await app?.close();
  await cluster?.stop();
});

describe('pausing WAL replay on a replica', () => {
  it('runs the pause and the resume', () => {
    expect(actions.map((a) => [a.kind, a.exit_code, a.timed_out])).toEqual([
      ['fault', 0, false],
      ['recover', 0, false],
    ]);
  });

  it('lag rises while replay is paused', () => {
    const lag = pg.series
      .filter((p) => p.values.replica_1_lag_s !== undefined)
      .map((p) => ({ t: p.t, lag: p.values.replica_1_lag_s! }));
    const paused = lag.filter((p) => p.t > 4 && p.t < 5.9);
    expect(paused.length).toBeGreaterThan(0);
    // Paused at ~2 s: by 4–6 s the replica is that far behind.
    for (const p of paused) expect(p.lag).toBeGreaterThan(p.t - 2 - 0.7);
    expect(Math.max(...lag.filter((p) => p.t < 1.9).map((p) => p.lag))).toBeLessThan(1);
  });

  it('measures the source recovery at the resume, within 1.5 s', () => {
    const [pause, resume] = actions;
    const key = 'postgres.replica_1_lag_s';
    expect(Object.keys(drill.sources_recovery_s ?? {})).toEqual([key]);
    const recovered = drill.sources_recovery_s![key]!;
    expect(recovered).not.toBeNull();
    expect(Math.abs(recovered - (resume!.at_s - pause!.at_s))).toBeLessThanOrEqual(1.5);
    expect(drill.sources?.[0]?.peak).toBeGreaterThan(3);
  });

  it('the web side stayed within its SLO (writes go to the primary) and the summary says both', () => {
    expect(drill.recovery_s).toBe(0);
    expect(drill.degradation.error_rate).toBe(0);
    const web = /^at 2 s: pause replay on replica 1 \(exit 0\); no errors; .*no degradation; /;
    const lag = /postgres\.replica_1_lag_s peaked at [\d.]+ s, back under 1 s in [\d.]+ s$/;
    expect(drill.summary).toMatch(new RegExp(web.source + lag.source));
  });
});
