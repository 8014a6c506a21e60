import { describe, expect, it } from 'vitest';
import { judgeBeyondGenerator, shiftEstimate } from '../../../src/compare/judge-lagged.js';
import type { Allowance } from '../../../src/compare/judge-lagged.js';
import type { Estimate } from '../../../src/compare/intervals.js';
import { LATENCY_RULE } from '../../../src/compare/figures.js';

/** A latency estimate with a ±5 % interval (log scale). */
const ms = (value: number): Estimate => ({
  value,
  low: value * 0.95,
  high: value * 1.05,
  se: 0.02,
  df: 29,
  scale: 'log',
});
const input = (before: number, after: number) => ({
  before: ms(before),
  after: ms(after),
  better: 'lower' as const,
  rule: LATENCY_RULE,
  confidence: 0.99,
  method: 'quantile-interval' as const,
});
const allowance = (before: number, after: number): Allowance => ({ before, after, unit: 'ms', basis: 'test' });

describe('shiftEstimate', () => {
  it('moves the value and bounds and keeps the log-scale error of the same absolute spread', () => {
    const e = shiftEstimate(ms(100), -50);
    expect(e).toMatchObject({ value: 50, low: 45, high: 55 });
    expect(e.se).toBeCloseTo(0.04, 9);
  });
});

describe('judgeBeyondGenerator', () => {
  it('reads a +55 ms change regressed when the lagging generator explains at most 15 ms', () => {
    const j = judgeBeyondGenerator(input(5, 60), allowance(0, 15), 'the after run');
    expect(j.verdict).toBe('regressed');
    expect(j.reason).toMatch(/beyond what the generator can explain up to 15 ms in the after run \(test\)/);
  });

  it('reads inconclusive what the lag could explain, with the generator cause', () => {
    const j = judgeBeyondGenerator(input(40, 60), allowance(0, 30), 'the after run');
    expect(j).toMatchObject({ verdict: 'inconclusive', inconclusive: { cause: 'generator-lagged' } });
  });

  it("judges improvements against the before run's allowance", () => {
    expect(judgeBeyondGenerator(input(100, 40), allowance(20, 0), 'the before run').verdict).toBe('improved');
    expect(judgeBeyondGenerator(input(100, 80), allowance(30, 0), 'the before run').verdict).toBe('inconclusive');
  });

  it('keeps unchanged only when the change stays unchanged with either allowance', () => {
    expect(judgeBeyondGenerator(input(100, 100), allowance(0, 2), 'the after run').verdict).toBe('unchanged');
    expect(judgeBeyondGenerator(input(100, 100), allowance(0, 40), 'the after run').verdict).toBe('inconclusive');
  });

  it('falls back to the plain caveat when a side has no bound (closed-model rates)', () => {
    const j = judgeBeyondGenerator(input(5, 60), allowance(0, Infinity), 'the after run');
    expect(j).toMatchObject({ verdict: 'inconclusive', inconclusive: { cause: 'generator-lagged' } });
  });

  it('is the plain judgement when the lag explains none of the figure (the whole schedule was sent)', () => {
    expect(judgeBeyondGenerator(input(60, 5), allowance(0, 0), 'the after run')).toMatchObject({
      verdict: 'improved',
      reason: expect.not.stringMatching(/generator/),
    });
  });

  it('is the plain judgement when no run lagged', () => {
    expect(judgeBeyondGenerator(input(5, 60), allowance(0, 100), null).verdict).toBe('regressed');
  });
});
