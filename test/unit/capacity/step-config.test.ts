import { describe, expect, it } from 'vitest';
import { stepConfig, stepPool } from '../../../src/capacity/step-config.js';
import { capacitySlo } from '../../../src/capacity/judge-step.js';
import { validateConfig } from '../../../src/config/load.js';
import { buildEnginePlan } from '../../../src/load/plan/plan.js';

const config = validateConfig({
  target: 'http://127.0.0.1:1',
  load: { stages: [{ duration: '10s', rate: 100 }], warmup: '5s' },
  profile: true,
  edge: { probe: ['/x'] },
  drill: { actions: [{ at: '1s', run: 'true' }] },
});
const slo = capacitySlo(config.slo);

describe('stepConfig', () => {
  it('one constant rate measured from the start, settle + hold long, without profile, probes or drills', () => {
    const step = stepConfig(config, slo, 80, 1000, 2000);
    expect(step.load).toMatchObject({ rate: 80, warmup: 0, duration: 3000, start_rate: 0 });
    expect(step.load.stages).toBeUndefined();
    expect(step).toMatchObject({ profile: false, drill: undefined, edge: { probe: [] }, slo: { p95: 300 } });
    expect(buildEnginePlan(step).model).toMatchObject({ kind: 'open', warmupMs: 0 });
  });

  it('sizes the pool for the rate at the SLO latency, within limits.max_connections', () => {
    expect(stepPool(config, slo, 400)).toBe(240);
    expect(stepPool(config, slo, 5)).toBe(8);
    expect(stepPool({ ...config, limits: { max_connections: 50 } }, slo, 400)).toBe(50);
    expect(stepPool({ ...config, load: { ...config.load, pool: 12 } }, slo, 400)).toBe(12);
  });
});
