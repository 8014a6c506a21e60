import { defineCheck, notMeasured, num, pct } from './check.js';

/** Peak backends against max_connections, and transactions left open while idle. */
export default defineCheck<{ ratio: number; warn_ratio: number; idle_in_transaction_s: number }>({
  id: 'db.connections',
  category: 'database',
  title: 'Database connections have headroom',
  weight: 2,
  defaults: { ratio: 0.8, warn_ratio: 0.6, idle_in_transaction_s: 5 },
  judge(e, t) {
    const c = e.db?.connections;
    if (!c) return notMeasured('connections were not sampled', 'pass --pg DSN (pg_stat_activity)', t.ratio);
    const what = `peak ${c.peak} of max_connections ${c.max_connections} (${pct(c.ratio)})`;
    const idle =
      c.idle_in_transaction_max > 0
        ? `; ${c.idle_in_transaction_max} idle in transaction up to ${num(c.idle_in_transaction_age_max_s)} s`
        : '';
    const details = { ...c };
    if (c.idle_in_transaction_age_max_s > t.idle_in_transaction_s) {
      return {
        status: 'fail',
        value: c.ratio,
        threshold: t.ratio,
        details,
        message: `${what}${idle} > ${t.idle_in_transaction_s} s`,
        remedy:
          'keep transactions short (no network calls inside atomic blocks) and set idle_in_transaction_session_timeout',
      };
    }
    const remedy =
      "put pgbouncer (transaction pooling) in front of Postgres and cap each pod's pool (CONN_MAX_AGE, pool size)";
    if (c.ratio > t.ratio)
      return {
        status: 'fail',
        value: c.ratio,
        threshold: t.ratio,
        remedy,
        details,
        message: `${what} > ${pct(t.ratio)}${idle}`,
      };
    if (c.ratio > t.warn_ratio || c.idle_in_transaction_max > 0) {
      return { status: 'warn', value: c.ratio, threshold: t.ratio, remedy, details, message: `${what}${idle}` };
    }
    return {
      status: 'pass',
      value: c.ratio,
      threshold: t.ratio,
      remedy,
      message: `${what}, no idle-in-transaction session`,
    };
  },
});
