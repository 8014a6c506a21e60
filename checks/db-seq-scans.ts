import { defineCheck, listOf, notMeasured, num, pct } from './check.js';

/**
 * Hot tables read mostly by sequential scans are missing an index (tiny tables are fine: Postgres prefers seq
 * scans there).
 */
export default defineCheck<{ seq_share: number; min_rows_per_scan: number }>({
  id: 'db.seq-scans',
  category: 'database',
  title: 'Hot tables are read through indexes',
  weight: 2,
  defaults: { seq_share: 0.5, min_rows_per_scan: 1000 },
  judge(e, t) {
    const tables = e.db?.tables;
    if (!tables)
      return notMeasured('table statistics were not collected', 'pass --pg DSN (pg_stat_user_tables)', t.seq_share);
    const read = tables.filter((x) => x.seq_tup_read + x.idx_tup_fetch > 0);
    if (!read.length)
      return notMeasured(
        'no table was read during the run',
        'check that the endpoints reach the database watched by --pg',
        t.seq_share,
      );
    const hot = read
      .map((x) => ({
        table: x.table,
        share: x.seq_tup_read / (x.seq_tup_read + x.idx_tup_fetch),
        perScan: x.seq_scan > 0 ? x.seq_tup_read / x.seq_scan : 0,
        rows: x.seq_tup_read,
      }))
      .filter((x) => x.share > t.seq_share && x.perScan >= t.min_rows_per_scan)
      .sort((a, b) => b.rows - a.rows);
    const worst = hot[0];
    if (worst) {
      return {
        status: 'warn',
        value: worst.share,
        threshold: t.seq_share,
        message: `sequential scans read ${listOf(
          hot.map((x) => `${x.table} ${pct(x.share)} of rows (${num(x.perScan, 0)}/scan)`),
          2,
        )}`,
        remedy: `add an index on ${worst.table} for the filter/order columns of its hot queries (check with EXPLAIN)`,
        details: { tables: hot },
      };
    }
    return {
      status: 'pass',
      value: Math.max(...read.map((x) => x.seq_tup_read / (x.seq_tup_read + x.idx_tup_fetch))),
      threshold: t.seq_share,
      remedy: 'keep hot queries on indexes (EXPLAIN in review)',
      message: `${read.length} tables read, none by large sequential scans`,
    };
  },
});
