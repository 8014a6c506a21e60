import type { StatementStat } from '../src/result/evidence.js';
import { defineCheck, ms, notMeasured, num, shortSql } from './check.js';
import { queriesNotSeen } from './db-watched.js';

const OFFSET = /\bOFFSET\b/i;

/** OFFSET pagination scans and throws away every skipped row: deep pages get slower. */
export default defineCheck<{ mean_ms: number; growth: number }>({
  id: 'db.offset-pagination',
  category: 'database',
  title: 'No deep OFFSET pagination',
  weight: 1,
  defaults: { mean_ms: 10, growth: 2 },
  judge(e, t) {
    const db = e.db;
    const profiled = Object.entries(db?.per_endpoint ?? {}).flatMap(([endpoint, p]) =>
      p.statements.map((s) => ({ endpoint, s })),
    );
    const all: StatementStat[] = [...(db?.statements ?? []), ...profiled.map((x) => x.s)];
    if (!all.length) {
      const unseen = queriesNotSeen(e);
      if (unseen) return notMeasured(unseen.message, unseen.remedy, t.mean_ms);
      return notMeasured('statements were not collected', 'pass --pg DSN with pg_stat_statements', t.mean_ms);
    }
    const offset = all.filter((s) => OFFSET.test(s.query));
    const remedy = (where?: string) =>
      `switch ${where ?? 'the paginated views'} to keyset pagination (WHERE id > last_seen ORDER BY id LIMIT n)`;
    if (!offset.length)
      return {
        status: 'pass',
        value: 0,
        threshold: t.mean_ms,
        remedy: remedy(),
        message: 'no statement paginates with OFFSET',
      };
    const growth = growthAcrossEndpoints(profiled.filter((x) => OFFSET.test(x.s.query)));
    if (growth && growth.ratio >= t.growth) {
      return {
        status: 'warn',
        value: growth.ratio,
        threshold: t.growth,
        remedy: remedy(growth.slowest),
        message:
          `"${shortSql(growth.query, 60)}" mean time grows ${num(growth.ratio)}× from ${growth.fastest} ` +
          `to ${growth.slowest}`,
        details: { statement: growth.query, endpoints: [growth.fastest, growth.slowest] },
      };
    }
    const slow = [...offset].sort((a, b) => b.mean_ms - a.mean_ms)[0]!;
    const slowEndpoint = profiled.find((x) => x.s.queryid === slow.queryid)?.endpoint;
    if (slow.mean_ms >= t.mean_ms) {
      return {
        status: 'warn',
        value: slow.mean_ms,
        threshold: t.mean_ms,
        remedy: remedy(slowEndpoint),
        message:
          `OFFSET statement takes ${ms(slow.mean_ms)} on average ≥ ${ms(t.mean_ms)}: ` +
          `"${shortSql(slow.query, 60)}"`,
        details: { statement: slow.query },
      };
    }
    return {
      status: 'pass',
      value: slow.mean_ms,
      threshold: t.mean_ms,
      remedy: remedy(slowEndpoint),
      message: `${offset.length} OFFSET statement(s), all fast (≤ ${ms(slow.mean_ms)} mean)`,
    };
  },
});

/** The same statement profiled on several endpoints (page 1 vs page 500): how much slower the slowest is. */
function growthAcrossEndpoints(rows: { endpoint: string; s: StatementStat }[]) {
  const byQuery = new Map<string, { endpoint: string; s: StatementStat }[]>();
  for (const row of rows) byQuery.set(row.s.queryid, [...(byQuery.get(row.s.queryid) ?? []), row]);
  let best: { ratio: number; query: string; fastest: string; slowest: string } | undefined;
  for (const group of byQuery.values()) {
    if (group.length < 2) continue;
    const sorted = [...group].sort((a, b) => a.s.mean_ms - b.s.mean_ms);
    const lo = sorted[0]!;
    const hi = sorted[sorted.length - 1]!;
    const ratio = lo.s.mean_ms > 0 ? hi.s.mean_ms / lo.s.mean_ms : hi.s.mean_ms > 0 ? Infinity : 1;
    if (!best || ratio > best.ratio) best = { ratio, query: hi.s.query, fastest: lo.endpoint, slowest: hi.endpoint };
  }
  return best;
}
