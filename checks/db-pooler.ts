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
    const p = e.db?.pooler;
    // A pooler that was not watched is not evidence of no pooler: only SHOW POOLS can tell.
    if (!p?.present)
      return notMeasured(
        'pgbouncer was not watched: whether clients queue for a server connection is unknown',
        'pass --pgbouncer DSN (the pgbouncer admin console, e.g. postgres://user@host:6432/pgbouncer)',
        t.wait_ms,
      );
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
