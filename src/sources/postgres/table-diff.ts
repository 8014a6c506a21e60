/** pg_stat_user_tables between two snapshots, summed over the servers that served the run. */
import type { TableStat } from '../../result/evidence.js';

export type TableSnapshot = Map<string, TableStat>;

const COUNTERS = ['seq_scan', 'seq_tup_read', 'idx_scan', 'idx_tup_fetch'] as const;

export function diffTables(before: TableSnapshot, after: TableSnapshot): TableStat[] {
  const out: TableStat[] = [];
  for (const [name, now] of after) {
    const then = before.get(name);
    const delta: TableStat = { table: name, seq_scan: 0, seq_tup_read: 0, idx_scan: 0, idx_tup_fetch: 0 };
    for (const c of COUNTERS) delta[c] = then && now[c] >= then[c] ? now[c] - then[c] : now[c];
    if (COUNTERS.some((c) => delta[c] > 0)) out.push(delta);
  }
  return out;
}

/** Adds up the per-server deltas of the same table; most rows read by sequential scans first. */
export function mergeTables(lists: readonly TableStat[][], limit: number): TableStat[] {
  const byName = new Map<string, TableStat>();
  for (const t of lists.flat()) {
    const sum = byName.get(t.table) ?? { table: t.table, seq_scan: 0, seq_tup_read: 0, idx_scan: 0, idx_tup_fetch: 0 };
    for (const c of COUNTERS) sum[c] += t[c];
    byName.set(t.table, sum);
  }
  return [...byName.values()]
    .sort(
      (a, b) => b.seq_tup_read - a.seq_tup_read || b.idx_tup_fetch - a.idx_tup_fetch || a.table.localeCompare(b.table),
    )
    .slice(0, limit);
}
