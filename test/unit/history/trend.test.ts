import { describe, expect, it } from 'vitest';
import { buildTrend, parseTrendFigure } from '../../../src/history/trend.js';
import type { HistoryRow } from '../../../src/history/query.js';
import { buildRunResult } from '../../support/result-builder.js';
import { renderTrendText } from '../../../src/report/history/trend-text.js';
import type { RunResult } from '../../../src/result/run-result.js';

const row = (id: number): HistoryRow => ({
  id,
  kind: 'run',
  recorded_at: '',
  started_at: `2026-01-0${id}T00:00:00.000Z`,
  start_ms: id,
  duration_s: 30,
  target: 't',
  git_commit: `c${id}`,
  git_branch: 'main',
  config_hash: 'h',
  label: null,
  partial: false,
  requests: 0,
  rps: 0,
  error_rate: 0,
  p50_ms: 0,
  p95_ms: 0,
  p99_ms: 0,
  score: null,
  gates_passed: null,
});

const runs = (medians: number[]): { row: HistoryRow; result: RunResult }[] =>
  medians.map((median_ms, i) => ({
    row: row(i + 1),
    result: buildRunResult({ seed: 40 + i, seconds: 30, rps: 80, median_ms }),
  }));

describe('buildTrend', () => {
  it('gives each run its figure and interval, and marks the run where it changed with the compare judge', () => {
    const trend = buildTrend(runs([20, 20, 40, 40]), 'p95', null, 0.99);
    expect(trend.points.map((p) => p.id)).toEqual([1, 2, 3, 4]);
    for (const p of trend.points) {
      expect(p.low!).toBeLessThan(p.value);
      expect(p.high!).toBeGreaterThan(p.value);
    }
    expect(trend.points[0]!.change).toBeNull();
    expect(trend.points.map((p) => p.change?.verdict)).toEqual([
      undefined,
      expect.stringMatching(/unchanged|inconclusive/),
      'regressed',
      expect.stringMatching(/unchanged|inconclusive/),
    ]);
  });

  it('follows one endpoint and skips the runs that do not have it', () => {
    const list = runs([20, 20]);
    list[1]!.result = buildRunResult({ seed: 9, seconds: 10, endpoints: [{ name: 'other', path: '/o' }] });
    const trend = buildTrend(list, 'p50', 'home', 0.99);
    expect(trend.points.map((p) => p.id)).toEqual([1]);
    expect(trend.skipped).toEqual([2]);
  });

  it('accepts latency.p95 for p95 and rejects unknown figures', () => {
    expect(parseTrendFigure('latency.p95')).toBe('p95');
    expect(() => parseTrendFigure('p42')).toThrow(/expected one of p50, p95, p99, success_rps, rps, error_rate/);
  });

  it('marks a change a lagging generator could explain inconclusive, with the cause, never regressed', () => {
    const list = runs([20, 20]);
    list[1]!.result = buildRunResult({ seed: 41, seconds: 30, rps: 80, median_ms: 20, added_ms: 25 });
    Object.assign(list[1]!.result.generator, { lagged: true, schedule_lag_ms: { p50: 5, p99: 25, max: 40 } });
    const change = buildTrend(list, 'p95', null, 0.99).points[1]!.change!;
    expect(change.verdict).toBe('inconclusive');
    expect(change.inconclusive).toMatchObject({ cause: 'generator-lagged' });
    expect(change.reason).toMatch(/up to 25 ms in the after run/);
    const text = renderTrendText(buildTrend(list, 'p95', null, 0.99));
    expect(text).toMatch(/\? inconclusive \(generator lagged\)/);
  });

  it('trends the successful rate with the answered rate beside it: all failing reads regressed', () => {
    const list = runs([20, 20]);
    list[1]!.result = buildRunResult({ seed: 41, seconds: 30, rps: 80, median_ms: 20, error_rate: 1 });
    const trend = buildTrend(list, 'success_rps', null, 0.99);
    expect(trend.points.map((p) => [p.value, p.answered_rps])).toEqual([
      [80, 80],
      [0, 80],
    ]);
    expect(trend.points[1]!.change!.verdict).toBe('regressed');
  });
});
