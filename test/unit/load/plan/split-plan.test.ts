import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { availableParallelism } from 'node:os';
import { validateConfig } from '../../../../src/config/load.js';
import type { ConfigInput } from '../../../../src/config/schema.js';
import { buildEnginePlan } from '../../../../src/load/plan/plan.js';
import type { EnginePlan } from '../../../../src/load/engine.js';
import { deriveSeed, evenShare, planPart, splitPlan } from '../../../../src/load/plan/split-plan.js';
import { resolveWorkers } from '../../../../src/load/plan/worker-count.js';
import { ArrivalSchedule, expectedRequests, type Segment } from '../../../../src/load/models/schedule.js';
import { ConfigError } from '../../../../src/errors.js';

const plan = (load: ConfigInput['load']): EnginePlan =>
  buildEnginePlan(validateConfig({ target: 'http://127.0.0.1:1', load }));
const segmentsOf = (p: EnginePlan): Segment[] => (p.model.kind === 'open' ? p.model.segments : []);
const arrivals = (segments: Segment[]): number => {
  const s = new ArrivalSchedule(segments);
  let n = 0;
  while (s.next() !== undefined) n++;
  return n;
};

describe('evenShare', () => {
  it('adds up to the total and differs by at most one between parts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 64 }), (total, parts) => {
        const shares = Array.from({ length: parts }, (_, i) => evenShare(total, i, parts));
        expect(shares.reduce((a, b) => a + b, 0)).toBe(total);
        expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('splitPlan: open model', () => {
  it('parts schedule together what the whole plan schedules, ramps and warmup included', () => {
    const stages = fc.array(
      fc.record({
        duration: fc.integer({ min: 1, max: 5 }).map((s) => `${s}s`),
        rate: fc.integer({ min: 0, max: 400 }),
      }),
      { minLength: 1, maxLength: 3 },
    );
    fc.assert(
      fc.property(stages, fc.integer({ min: 0, max: 2 }), fc.integer({ min: 2, max: 6 }), (st, warm, parts) => {
        const whole = plan({ stages: st, warmup: `${warm}s`, start_rate: 10 });
        const split = splitPlan(whole, parts);
        const wanted = expectedRequests(segmentsOf(whole));
        expect(split.reduce((n, p) => n + expectedRequests(segmentsOf(p)), 0)).toBeCloseTo(wanted, 6);
        // Each part rounds its own count at most once per segment.
        const sent = split.reduce((n, p) => n + arrivals(segmentsOf(p)), 0);
        expect(Math.abs(sent - arrivals(segmentsOf(whole)))).toBeLessThanOrEqual(parts * segmentsOf(whole).length);
        split.forEach((p) =>
          expect(segmentsOf(p).map((s) => s.durationMs)).toEqual(segmentsOf(whole).map((s) => s.durationMs)),
        );
      }),
      { numRuns: 50 },
    );
  });

  it('splits max_in_flight and sockets, at least one each', () => {
    const whole = plan({ rate: 1000, max_in_flight: 7, pool: 3 });
    const split = splitPlan(whole, 4);
    expect(split.map((p) => p.maxInFlight)).toEqual([2, 2, 2, 1]);
    expect(split.map((p) => p.pool)).toEqual([1, 1, 1, 1]);
    expect(
      splitPlan(plan({ rate: 1000, max_in_flight: 10_000, pool: 20 }), 3).map((p) => [p.maxInFlight, p.pool]),
    ).toEqual([
      [3334, 7],
      [3333, 7],
      [3333, 6],
    ]);
  });

  it('one part is the plan itself', () => {
    const whole = plan({ rate: 100 });
    expect(planPart(whole, 0, 1, 'worker')).toBe(whole);
  });
});

describe('splitPlan: closed model', () => {
  it('spreads virtual users and their sockets, the remainder over the first parts', () => {
    const split = splitPlan(plan({ connections: 11, think: '5ms', duration: '3s' }), 3);
    expect(split.map((p) => (p.model.kind === 'closed' ? p.model.connections : 0))).toEqual([4, 4, 3]);
    expect(split.map((p) => p.pool)).toEqual([4, 4, 3]);
    expect(split.every((p) => p.model.kind === 'closed' && p.model.thinkMs === 5 && p.model.durationMs === 3000)).toBe(
      true,
    );
  });

  it('refuses to give a part no virtual user', () => {
    expect(() => planPart(plan({ connections: 2 }), 2, 3, 'shard')).toThrow(ConfigError);
    expect(() => planPart(plan({ connections: 2 }), 2, 3, 'shard')).toThrow(
      /2 virtual users cannot be split into 3 shards/,
    );
  });
});

describe('seeds', () => {
  it('part 0 keeps the seed; the others are distinct, reproducible, and differ between workers and shards', () => {
    const seeds = splitPlan(plan({ rate: 1000, seed: 42 }), 8).map((p) => p.seed);
    expect(seeds[0]).toBe(42);
    expect(new Set(seeds).size).toBe(8);
    expect(splitPlan(plan({ rate: 1000, seed: 42 }), 8).map((p) => p.seed)).toEqual(seeds);
    expect(deriveSeed(42, 'worker', 1)).not.toBe(deriveSeed(42, 'shard', 1));
    expect(deriveSeed(deriveSeed(42, 'shard', 1), 'worker', 2)).not.toBe(
      deriveSeed(deriveSeed(42, 'shard', 2), 'worker', 1),
    );
    seeds.forEach((s) => expect(Number.isInteger(s)).toBe(true));
  });
});

describe('resolveWorkers: how many threads a run uses', () => {
  it('defaults to the number of cores when the load is big enough', () => {
    expect(resolveWorkers(plan({ rate: 100_000 }))).toBe(availableParallelism());
  });

  it('keeps a run under 50 req/s, or with one virtual user, on one thread', () => {
    expect(resolveWorkers(plan({ rate: 49 }), 8)).toBe(1);
    expect(resolveWorkers(plan({ rate: 50 }), 8)).toBe(2);
    expect(resolveWorkers(plan({ rate: 100 }), 8)).toBe(4);
    expect(
      resolveWorkers(
        plan({
          stages: [
            { duration: '2s', rate: 10 },
            { duration: '2s', rate: 200 },
          ],
        }),
        8,
      ),
    ).toBe(8);
    expect(resolveWorkers(plan({ connections: 1 }), 8)).toBe(1);
    expect(resolveWorkers(plan({ connections: 3 }), 8)).toBe(3);
    expect(resolveWorkers(plan({ rate: 5000 }), 2)).toBe(2);
  });
});
