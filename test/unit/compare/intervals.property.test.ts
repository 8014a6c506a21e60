/**
 * Error rates of the judge on synthetic runs from known distributions (log-normal latency whose per-second
 * median wanders, recorded into the real HDR histograms by the result builder): false alarms on pairs of the
 * same server, and detection of a true +25 % latency shift. Seeds are fixed: the figures are reproducible.
 */
import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../../src/compare/compare.js';
import type { Comparison } from '../../../src/compare/compare.js';
import type { RunResult } from '../../../src/result/run-result.js';
import { buildRunResult } from '../../support/result-builder.js';

const PAIRS = 200;
/** Runs per side: each before run meets 10 after runs (every pair distinct; building runs is the slow part). */
const RUNS = 20;
const GATES = ['latency.p95', 'latency.p99', 'rps', 'error_rate'];

function pairs(seconds: number, rps: number, shift: number, seed: number): Comparison[] {
  const build = (s: number, median: number): RunResult =>
    buildRunResult({ seed: s, seconds, rps, median_ms: median, error_rate: 0.002 });
  const befores = Array.from({ length: RUNS }, (_, i) => build(seed + i, 20));
  const afters = Array.from({ length: RUNS }, (_, i) => build(seed + RUNS + i, 20 * shift));
  const out: Comparison[] = [];
  for (let i = 0; i < PAIRS; i++) out.push(compareRuns(befores[i % RUNS]!, afters[(i + Math.floor(i / RUNS)) % RUNS]!));
  return out;
}

const verdictOf = (c: Comparison, id: string): string => c.figures.find((f) => f.id === id)?.verdict ?? 'absent';
/** What fails `compare --fail-on-regression`: a gate figure read as regressed. */
const falseAlarm = (c: Comparison): boolean => GATES.some((id) => verdictOf(c, id) === 'regressed');
const rate = (cs: Comparison[], test: (c: Comparison) => boolean): number => cs.filter(test).length / cs.length;

describe('judge error rates on synthetic same-server and shifted pairs', { timeout: 180_000 }, () => {
  it('raises a false alarm on at most 1 % of 4 s same-server pairs (any gate figure)', () => {
    const alarms = rate(pairs(4, 100, 1, 10_000), falseAlarm);
    console.log(`4 s same-server pairs: false alarms ${(alarms * 100).toFixed(1)} % of ${PAIRS}`);
    expect(alarms).toBeLessThanOrEqual(0.01);
  });

  it('raises a false alarm on at most 1 % of 30 s same-server pairs (any gate figure)', () => {
    const alarms = rate(pairs(30, 50, 1, 20_000), falseAlarm);
    console.log(`30 s same-server pairs: false alarms ${(alarms * 100).toFixed(1)} % of ${PAIRS}`);
    expect(alarms).toBeLessThanOrEqual(0.01);
  });

  it('detects a true +25 % p95 shift in at least 95 % of 30 s pairs', () => {
    const detected = rate(pairs(30, 50, 1.25, 30_000), (c) => verdictOf(c, 'latency.p95') === 'regressed');
    console.log(`30 s pairs with +25 % latency: p95 regressed in ${(detected * 100).toFixed(1)} % of ${PAIRS}`);
    expect(detected).toBeGreaterThanOrEqual(0.95);
  });

  it('never reads a true +25 % shift of a 4 s run as improved or as a narrow unchanged', () => {
    const cs = pairs(4, 100, 1.25, 40_000);
    const verdicts = new Set(cs.map((c) => verdictOf(c, 'latency.p95')));
    const detected = rate(cs, (c) => verdictOf(c, 'latency.p95') === 'regressed');
    console.log(`4 s pairs with +25 % latency: p95 regressed in ${(detected * 100).toFixed(1)} % of ${PAIRS}`);
    expect([...verdicts].every((v) => v === 'regressed' || v === 'inconclusive')).toBe(true);
  });
});
