import { defineCheck, ms, notMeasured } from './check.js';

/** A pooler (pgbouncer) in front of Postgres, and clients not queueing for a server connection. */
export default defineCheck<{ wait_ms: number }>({
  id: 'db.pooler',
  category: 'database',
  title: 'Connection pooler without waits',
  weight: 2,
  defaults: { wait_ms: 100 },
  config: { wait_ms: { path: 'budgets.pool_wait' } },
  judge(e, t) {
    const db = e.db;
    if (!db) return notMeasured('the database was not watched', 'pass --pg DSN and --pgbouncer DSN', t.wait_ms);
    const p = db.pooler;
    if (!p?.present) {
      return {
        status: 'warn',
        value: null,
        threshold: t.wait_ms,
        message: 'no connection pooler observed in front of Postgres',
        remedy: 'run pgbouncer in transaction mode in front of Postgres (and pass --pgbouncer DSN so it is watched)',
      };
    }
    const remedy =
      'raise pgbouncer default_pool_size within max_connections, or cut transaction time so servers free up sooner';
    const details = { cl_waiting_max: p.cl_waiting_max, maxwait_ms_max: p.maxwait_ms_max };
    if (p.maxwait_ms_max > t.wait_ms) {
      return {
        status: 'fail',
        value: p.maxwait_ms_max,
        threshold: t.wait_ms,
        remedy,
        details,
        message:
          `clients waited up to ${ms(p.maxwait_ms_max)} for a server connection > ${ms(t.wait_ms)} ` +
          `(${p.cl_waiting_max} waiting at peak)`,
      };
    }
    if (p.cl_waiting_max > 0) {
      return {
        status: 'warn',
        value: p.maxwait_ms_max,
        threshold: t.wait_ms,
        remedy,
        details,
        message: `${p.cl_waiting_max} clients queued for a server connection (max wait ${ms(p.maxwait_ms_max)})`,
      };
    }
    return {
      status: 'pass',
      value: p.maxwait_ms_max,
      threshold: t.wait_ms,
      remedy,
      message: 'pgbouncer in front of Postgres, no client waited',
    };
  },
});
