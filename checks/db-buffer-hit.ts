import { defineCheck, listOf, notMeasured, pct } from './check.js';
import { REPLICA_REMEDY, unwatchedNote, watchedServers } from './db-watched.js';

/** Share of block reads served from shared buffers rather than disk, on every watched server and over all. */
export default defineCheck<{ ratio: number }>({
  id: 'db.buffer-hit',
  category: 'database',
  title: 'Database reads served from memory',
  weight: 1,
  defaults: { ratio: 0.99 },
  judge(e, t) {
    const db = e.db;
    const ratio = db?.buffer_hit_ratio;
    if (!db) return notMeasured('buffer hits were not measured', 'pass --pg DSN (pg_stat_database)', t.ratio);
    if (ratio === undefined) {
      const note = unwatchedNote(db);
      return notMeasured(
        `no block was read on the watched servers (${watchedServers(db)}) during the run${note}`,
        note ? REPLICA_REMEDY : 'check that the endpoints reach the watched database',
        t.ratio,
      );
    }
    const servers = Object.entries(db.buffer_hit_by_server ?? {}).filter(([, s]) => s.ratio !== undefined);
    const each = servers.length > 1 ? ` (${listOf(servers.map(([name, s]) => `${name} ${pct(s.ratio!)}`))})` : '';
    const where = servers.length === 1 ? ` on ${servers[0]![0]}` : servers.length > 1 ? ' over all servers' : '';
    const remedy =
      'give Postgres more shared_buffers/RAM or shrink the working set (indexes, archiving, caching hot reads)';
    const details = db.buffer_hit_by_server ? { by_server: db.buffer_hit_by_server } : undefined;
    if (ratio < t.ratio) {
      const reads = db.blks_read !== undefined ? `; ${db.blks_read} blocks read from disk` : '';
      return {
        status: 'warn',
        value: ratio,
        threshold: t.ratio,
        remedy,
        ...(details && { details }),
        message: `buffer hit ratio ${pct(ratio)}${where} < ${pct(t.ratio)}${each}${reads}`,
      };
    }
    return {
      status: 'pass',
      value: ratio,
      threshold: t.ratio,
      remedy,
      ...(details && { details }),
      message: `buffer hit ratio ${pct(ratio)}${where} ≥ ${pct(t.ratio)}${each}`,
    };
  },
});
