import { describe, expect, it } from 'vitest';
import {
  diffStatements,
  endpointProfile,
  statementKey,
  topStatements,
  type StatementCounters,
  type StatementSnapshot,
} from '../../../../src/sources/postgres/statement-diff.js';

function snapshot(...rows: Omit<StatementCounters, 'query'>[]): StatementSnapshot {
  return new Map(rows.map((r) => [statementKey(r.where, r.queryid), { ...r, query: `q${r.queryid}` }]));
}

describe('diffStatements', () => {
  it('gives per-statement deltas of calls, time and rows, busiest first, and drops idle statements', () => {
    const before = snapshot(
      { queryid: '1', where: 'primary', calls: 10, total_ms: 5, rows: 10 },
      { queryid: '2', where: 'primary', calls: 3, total_ms: 30, rows: 3 },
    );
    const after = snapshot(
      { queryid: '1', where: 'primary', calls: 110, total_ms: 25, rows: 210 },
      { queryid: '2', where: 'primary', calls: 3, total_ms: 30, rows: 3 },
      { queryid: '3', where: 'replica:1', calls: 4, total_ms: 40, rows: 4 },
    );
    const { statements, reset_entries, lost_entries } = diffStatements(before, after);
    expect(statements.map((s) => [s.queryid, s.where, s.calls, s.total_ms, s.mean_ms, s.rows])).toEqual([
      ['3', 'replica:1', 4, 40, 10, 4],
      ['1', 'primary', 100, 20, 0.2, 200],
    ]);
    expect(reset_entries).toBe(0);
    expect(lost_entries).toBe(0);
  });

  it('keeps the same queryid on the primary and on a replica apart', () => {
    const before = snapshot({ queryid: '7', where: 'primary', calls: 1, total_ms: 1, rows: 1 });
    const after = snapshot(
      { queryid: '7', where: 'primary', calls: 3, total_ms: 3, rows: 3 },
      { queryid: '7', where: 'replica:1', calls: 5, total_ms: 5, rows: 5 },
    );
    const calls = Object.fromEntries(diffStatements(before, after).statements.map((s) => [s.where, s.calls]));
    expect(calls).toEqual({ primary: 2, 'replica:1': 5 });
  });

  it('counts what happened since a reset when counters went backwards, and reports lost entries', () => {
    const before = snapshot(
      { queryid: '1', where: 'primary', calls: 500, total_ms: 100, rows: 500 },
      { queryid: '9', where: 'primary', calls: 50, total_ms: 10, rows: 50 },
    );
    const after = snapshot({ queryid: '1', where: 'primary', calls: 20, total_ms: 4, rows: 20 });
    const diff = diffStatements(before, after);
    expect(diff.statements[0]).toMatchObject({ queryid: '1', calls: 20, total_ms: 4 });
    expect(diff.reset_entries).toBe(1);
    expect(diff.lost_entries).toBe(1);
  });
});

describe('topStatements', () => {
  const stats = [
    { queryid: 'slow', query: '', where: 'primary', calls: 2, total_ms: 900, mean_ms: 450, rows: 2 },
    { queryid: 'chatty', query: '', where: 'primary', calls: 5000, total_ms: 50, mean_ms: 0.01, rows: 5000 },
    { queryid: 'mid', query: '', where: 'primary', calls: 100, total_ms: 100, mean_ms: 1, rows: 100 },
  ];

  it('keeps the union of the top N by time and the top N by calls, with calls per request', () => {
    const top = topStatements(stats, 1, 50);
    expect(top.map((s) => s.queryid)).toEqual(['slow', 'chatty']);
    expect(top.find((s) => s.queryid === 'chatty')!.calls_per_request).toBe(100);
  });

  it('leaves calls_per_request out when there were no requests', () => {
    expect(topStatements(stats, 3, 0).every((s) => s.calls_per_request === undefined)).toBe(true);
  });
});

describe('endpointProfile', () => {
  it('attributes the queries between two snapshots to one endpoint', () => {
    const before = snapshot({ queryid: '1', where: 'primary', calls: 10, total_ms: 1, rows: 10 });
    const after = snapshot(
      { queryid: '1', where: 'primary', calls: 40, total_ms: 4, rows: 40 },
      { queryid: '2', where: 'replica:2', calls: 10, total_ms: 2, rows: 10 },
    );
    const profile = endpointProfile(before, after, 10, 5);
    expect(profile.requests).toBe(10);
    expect(profile.queries_per_request).toBe(4);
    expect(profile.statements.map((s) => s.calls_per_request)).toEqual([3, 1]);
  });
});
