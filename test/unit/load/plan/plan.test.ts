import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../../src/config/load.js';
import { buildEnginePlan, defaultMaxInFlight } from '../../../../src/load/plan/plan.js';
import { ConfigError } from '../../../../src/errors.js';

const plan = (load: Record<string, unknown>, limits: Record<string, unknown> = {}) =>
  buildEnginePlan(validateConfig({ target: 'http://127.0.0.1:1', load, limits }));

describe('the open model in-flight bound', () => {
  it('defaults to twice the peak rate × the timeout, plus the pool: a slow target times out before it binds', () => {
    const p = plan({ rate: 50, timeout: '10s' });
    expect(p.maxInFlight).toBe(1008);
    expect(p.pool).toBe(8);
    expect(
      plan({
        stages: [
          { duration: '5s', rate: 200 },
          { duration: '5s', rate: 3 },
        ],
        timeout: '2s',
      }).maxInFlight,
    ).toBe(808);
  });

  it('never below the sockets opened up front, never above the cap or limits.max_connections', () => {
    expect(defaultMaxInFlight(1, 1000, 8)).toBe(10);
    expect(defaultMaxInFlight(100_000, 10_000, 256)).toBe(10_000);
    expect(plan({ rate: 50 }, { max_connections: 300 }).maxInFlight).toBe(300);
  });

  it('an explicit max_in_flight wins, and one above limits.max_connections names the field', () => {
    expect(plan({ rate: 50, max_in_flight: 20 }).maxInFlight).toBe(20);
    expect(() => plan({ rate: 50, max_in_flight: 500 }, { max_connections: 100 })).toThrow(ConfigError);
    expect(() => plan({ rate: 50, max_in_flight: 500 }, { max_connections: 100 })).toThrow(/^load\.max_in_flight:/);
  });
});
