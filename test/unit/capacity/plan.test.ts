import { describe, expect, it } from 'vitest';
import { capacityPlan } from '../../../src/capacity/plan.js';
import type { SearchOptions } from '../../../src/capacity/search.js';

const OPTIONS: SearchOptions = { start: 50, ceiling: 400, ceilingBy: 'max', precision: 0.05, confirm: true };
const TIMES = { settleS: 5, holdS: 20, confirmS: 40, cooldownS: 5, drainS: 10 };

describe('capacityPlan', () => {
  it('lists the doubling steps up to the ceiling', () => {
    expect(capacityPlan(OPTIONS, TIMES).growth).toEqual([50, 100, 200, 400]);
    expect(capacityPlan({ ...OPTIONS, ceiling: 300 }, TIMES).growth).toEqual([50, 100, 200, 300]);
  });

  it(
    'the longest search is the worst capacity: ' + 'the whole doubling then a full bisection, plus the confirmation',
    () => {
      const plan = capacityPlan(OPTIONS, TIMES);
      // 50, 100, 200 pass, 400 fails → bisect 200–400 to 5 %: 300, 350, 375, 388; then the confirmation.
      expect(plan.maxSteps).toBe(8);
      expect(plan.longestS).toBe(8 * 30 + (5 + 40 + 5));
      expect(plan.boundS).toBe(plan.longestS + 9 * 10);
    },
  );

  it('without confirmation the plan has no confirmation hold', () => {
    const plan = capacityPlan({ ...OPTIONS, confirm: false }, TIMES);
    expect(plan.longestS).toBe(8 * 30);
  });
});
