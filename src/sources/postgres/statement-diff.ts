/**
 * pg_stat_statements counters between two snapshots. A snapshot is keyed by where the statement ran and its
 * queryid, so the same statement on the primary and on a replica stays two entries (both are queries).
 */
import type { EndpointDbProfile, StatementStat } from '../../result/evidence.js';
import { callsByKind, labelKinds } from './statement-kind.js';

export interface StatementCounters {
  queryid: string;
  /** Normalized SQL text (truncated to 500 chars). */
  query: string;
  /** "primary" or "replica:<n>". */
  where: string;
  /** The role that ran it (absent on snapshots stored before roles were read). */
  role?: string;
  calls: number;
  total_ms: number;
  rows: number;
}

export type StatementSnapshot = Map<string, StatementCounters>;

export interface StatementDiff {
  statements: StatementStat[];
  /** Entries whose counters went backwards (a reset or a deallocation between the snapshots). */
  reset_entries: number;
  /** Entries present before and gone after (deallocated or reset): their calls are lost. */
  lost_entries: number;
}

export const statementKey = (where: string, queryid: string, role = ''): string => `${where}|${queryid}|${role}`;

/** Per-statement deltas, busiest (by time) first; statements with no new calls are left out. */
export function diffStatements(before: StatementSnapshot, after: StatementSnapshot): StatementDiff {
  const statements: StatementStat[] = [];
  let reset_entries = 0;
  for (const [key, now] of after) {
    const then = before.get(key);
    const wentBack = then !== undefined && (now.calls < then.calls || now.total_ms < then.total_ms);
    if (wentBack) reset_entries++;
    const base = then === undefined || wentBack ? undefined : then;
    const calls = now.calls - (base?.calls ?? 0);
    if (calls <= 0) continue;
    const total_ms = now.total_ms - (base?.total_ms ?? 0);
    statements.push({
      queryid: now.queryid,
      query: now.query,
      where: now.where,
      ...(now.role !== undefined ? { role: now.role } : {}),
      calls,
      total_ms: round(total_ms),
      mean_ms: round(total_ms / calls),
      rows: now.rows - (base?.rows ?? 0),
    });
  }
  const lost_entries = [...before.keys()].filter((key) => !after.has(key)).length;
  statements.sort((a, b) => b.total_ms - a.total_ms || b.calls - a.calls);
  return { statements, reset_entries, lost_entries };
}

export function totalCalls(statements: readonly StatementStat[]): number {
  return statements.reduce((sum, s) => sum + s.calls, 0);
}

/** The union of the top N by total time and the top N by calls, busiest first, with calls per request. */
export function topStatements(statements: readonly StatementStat[], top: number, requests: number): StatementStat[] {
  const byTime = [...statements].sort((a, b) => b.total_ms - a.total_ms).slice(0, top);
  const byCalls = [...statements].sort((a, b) => b.calls - a.calls).slice(0, top);
  const chosen = new Set([...byTime, ...byCalls]);
  return [...chosen]
    .sort((a, b) => b.total_ms - a.total_ms || b.calls - a.calls)
    .map((s) => (requests > 0 ? { ...s, calls_per_request: round(s.calls / requests) } : { ...s }));
}

/**
 * What one endpoint cost the database, from snapshots taken around requests to it alone (the profile phase):
 * the app's statements per request, with transaction control and background workers' statements beside them.
 */
export function endpointProfile(
  before: StatementSnapshot,
  after: StatementSnapshot,
  requests: number,
  top = 10,
  asyncRoles: ReadonlySet<string> = new Set(),
): EndpointDbProfile {
  const statements = labelKinds(diffStatements(before, after).statements, asyncRoles);
  const calls = callsByKind(statements, asyncRoles);
  const per = (n: number): number => (requests > 0 ? round(n / requests) : 0);
  return {
    requests,
    queries_per_request: per(calls.app),
    transaction_control_per_request: per(calls.transaction),
    async_queries_per_request: per(calls.async),
    statements: topStatements(statements, top, requests),
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
