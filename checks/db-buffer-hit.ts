import { defineCheck, notMeasured, pct } from './check.js';

/** Share of block reads served from shared buffers rather than disk. */
export default defineCheck<{ ratio: number }>({
  id: 'db.buffer-hit',
  category: 'database',
  title: 'Database reads served from memory',
  weight: 1,
  defaults: { ratio: 0.99 },
  judge(e, t) {
    const ratio = e.db?.buffer_hit_ratio;
    if (ratio === undefined)
      return notMeasured('buffer hits were not measured', 'pass --pg DSN (pg_stat_database)', t.ratio);
    const remedy =
      'give Postgres more shared_buffers/RAM or shrink the working set (indexes, archiving, caching hot reads)';
    const reads = e.db?.blks_read !== undefined ? ` (${e.db.blks_read} blocks from disk)` : '';
    if (ratio < t.ratio)
      return {
        status: 'warn',
        value: ratio,
        threshold: t.ratio,
        remedy,
        message: `buffer hit ratio ${pct(ratio)} < ${pct(t.ratio)}${reads}`,
      };
    return {
      status: 'pass',
      value: ratio,
      threshold: t.ratio,
      remedy,
      message: `buffer hit ratio ${pct(ratio)} ≥ ${pct(t.ratio)}`,
    };
  },
});
