import { defineCheck, notMeasured, num } from './check.js';

/** Replay lag: stale replicas return ghosts to users. */
export default defineCheck<{ max_s: number; warn_ratio: number }>({
  id: 'db.replica-lag',
  category: 'database',
  title: 'Replica lag within budget',
  weight: 2,
  defaults: { max_s: 1, warn_ratio: 0.5 },
  config: { max_s: { path: 'budgets.replica_lag', scale: 0.001 } },
  judge(e, t) {
    const db = e.db;
    const perReplica = (db?.replicas ?? []).map((r) => r.lag_max_s).filter((x): x is number => x !== undefined);
    const lag = db?.replica_lag_max_s ?? (perReplica.length ? Math.max(...perReplica) : undefined);
    if (lag === undefined)
      return notMeasured('replica lag was not measured', 'pass --pg DSN (primary) and --pg-replica DSN', t.max_s);
    const worst = [...(db?.replicas ?? [])].sort((a, b) => (b.lag_max_s ?? 0) - (a.lag_max_s ?? 0))[0];
    const bytes = db?.replica_lag_bytes_max !== undefined ? `, ${db.replica_lag_bytes_max} bytes behind at most` : '';
    const p95 = db?.replica_lag_p95_s !== undefined ? ` (p95 ${num(db.replica_lag_p95_s, 2)} s)` : '';
    const atLeast = db?.replica_lag_at_least ? 'at least ' : '';
    const what = `replica lag max ${atLeast}${num(lag, 2)} s${p95}${worst ? ` on ${worst.name}` : ''}${bytes}`;
    const remedy =
      'keep write bursts off the replica path (batch, throttle), give the replica I/O headroom, and ' +
      'read-your-writes from the primary';
    const details = { max_s: lag, p95_s: db?.replica_lag_p95_s, bytes_max: db?.replica_lag_bytes_max };
    if (lag > t.max_s)
      return { status: 'fail', value: lag, threshold: t.max_s, remedy, details, message: `${what} > ${t.max_s} s` };
    if (lag > t.max_s * t.warn_ratio)
      return {
        status: 'warn',
        value: lag,
        threshold: t.max_s,
        remedy,
        details,
        message: `${what}, over half the ${t.max_s} s budget`,
      };
    return { status: 'pass', value: lag, threshold: t.max_s, remedy, details, message: `${what} ≤ ${t.max_s} s` };
  },
});
