import { describe, expect, it } from 'vitest';
import {
  ArrivalSchedule,
  buildSegments,
  expectedRequests,
  scheduledBetween,
} from '../../../../src/load/models/schedule.js';

const times = (s: ArrivalSchedule): number[] => {
  const out: number[] = [];
  for (let t = s.next(); t !== undefined; t = s.next()) out.push(t);
  return out;
};

describe('ArrivalSchedule', () => {
  it('spaces a constant rate evenly from t = 0', () => {
    const t = times(new ArrivalSchedule([{ durationMs: 1000, from: 4, to: 4 }]));
    expect(t).toEqual([0, 250, 500, 750]);
  });

  it('ramps linearly: the count in each half follows the integral of the rate', () => {
    const t = times(new ArrivalSchedule([{ durationMs: 10_000, from: 0, to: 100 }]));
    expect(t.length).toBe(500);
    const firstHalf = t.filter((x) => x < 5000).length;
    expect(firstHalf).toBe(125); // ∫0..5 of 10t dt = 125
    for (let i = 1; i < t.length; i++) expect(t[i]!).toBeGreaterThan(t[i - 1]!);
  });

  it('chains stages and places warmup before them at the opening rate', () => {
    const segments = buildSegments({
      stages: [
        { duration: 2000, rate: 10 },
        { duration: 2000, rate: 10 },
      ],
      start_rate: 10,
      duration: 0,
      warmup: 1000,
      rate: undefined,
    });
    expect(segments.map((s) => [s.durationMs, s.from, s.to])).toEqual([
      [1000, 10, 10],
      [2000, 10, 10],
      [2000, 10, 10],
    ]);
    expect(expectedRequests(segments)).toBe(50);
    const t = times(new ArrivalSchedule(segments));
    expect(t.length).toBe(50);
    expect(t[10]).toBeCloseTo(1000, 6);
  });

  it('reports the scheduled rate at a time', () => {
    const s = new ArrivalSchedule([
      { durationMs: 1000, from: 0, to: 100 },
      { durationMs: 1000, from: 100, to: 100 },
    ]);
    expect(s.rateAt(500)).toBeCloseTo(50);
    expect(s.rateAt(1500)).toBe(100);
    expect(s.rateAt(2500)).toBe(0);
  });
});

describe('scheduledBetween', () => {
  const segments = [
    { durationMs: 1000, from: 10, to: 10 },
    { durationMs: 2000, from: 0, to: 100 },
  ];

  it('integrates a constant and a ramping rate over any window', () => {
    expect(scheduledBetween(segments, 0, 1000)).toBeCloseTo(10);
    // the ramp's first second goes 0 → 50 req/s: 25 requests; its second 50 → 100: 75
    expect(scheduledBetween(segments, 1000, 2000)).toBeCloseTo(25);
    expect(scheduledBetween(segments, 2000, 3000)).toBeCloseTo(75);
    expect(scheduledBetween(segments, 500, 1500)).toBeCloseTo(5 + 6.25);
  });

  it('adds up to the whole schedule and is 0 outside it', () => {
    expect(scheduledBetween(segments, 0, 3000)).toBeCloseTo(expectedRequests(segments));
    expect(scheduledBetween(segments, 3000, 4000)).toBe(0);
  });
});
