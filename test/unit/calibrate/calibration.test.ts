import { describe, expect, it } from 'vitest';
import { judgeStep, planFits, plannedRate } from '../../../src/calibrate/calibration.js';
import { validateConfig } from '../../../src/config/load.js';

const outcome = (rps: number, lagged = false, reason?: string) => ({
  summary: { rps } as never,
  generator: { lagged, ...(reason ? { reason } : {}) } as never,
});

describe('judgeStep', () => {
  it('holds a step answered within 1 % of its rate without lag', () => {
    expect(judgeStep(1000, outcome(991))).toMatchObject({ held: true, achieved_rps: 991 });
    expect(judgeStep(1000, outcome(989))).toMatchObject({ held: false, reason: 'answered 989 of 1000 req/s' });
  });

  it('never holds a step whose generator lagged, saying why', () => {
    expect(judgeStep(1000, outcome(1000, true, 'requests left up to 12 ms late'))).toMatchObject({
      held: false,
      lagged: true,
      reason: 'requests left up to 12 ms late',
    });
  });
});

describe('plannedRate and planFits', () => {
  const config = (load: Record<string, unknown>) => validateConfig({ target: 'http://127.0.0.1', load });

  it('is the open model peak, constant or staged, and null for the closed model', () => {
    expect(plannedRate(config({ rate: 300 }))).toBe(300);
    expect(
      plannedRate(
        config({
          stages: [
            { duration: '5s', rate: 50 },
            { duration: '5s', rate: 400 },
          ],
        }),
      ),
    ).toBe(400);
    expect(plannedRate(config({ connections: 20 }))).toBeNull();
  });

  it('fits a plan at or below what was held', () => {
    expect(planFits(900, 900)).toBe(true);
    expect(planFits(10_000_000, 900)).toBe(false);
    expect(planFits(null, 900)).toBeNull();
  });
});
