import { describe, expect, it } from 'vitest';
import { capacityRunResult } from '../../../src/capacity/capacity-run-result.js';
import { validateConfig } from '../../../src/config/load.js';
import { runResultSchema } from '../../../src/result/result-schema.js';
import { SETTINGS, executed, searchOutcome } from './capacity-fixture.js';

const config = validateConfig({ target: 'http://127.0.0.1:1', capacity: { min_rate: 50 } });

describe('capacityRunResult', () => {
  it('is a valid RunResult of the confirmation step, with the capacity section and its gate', () => {
    const outcome = searchOutcome(65);
    const result = capacityRunResult(outcome, config, SETTINGS, 50);
    expect(runResultSchema.safeParse(JSON.parse(JSON.stringify(result))).success).toBe(true);
    expect(result.partial).toBe(false);
    expect(result.duration_s).toBe(9);
    expect(result.plan.rate).toBe(60);
    expect(result.capacity!.max_rate).toBe(60);
    expect(result.gates).toEqual([expect.objectContaining({ id: 'capacity.min_rate', passed: true, value: 60 })]);
    expect(result.config.capacity).toMatchObject({ min_rate: 50 });
  });

  it('an interrupted search is partial and stands on its highest passing step', () => {
    const result = capacityRunResult({ executed: [executed(40, 65), executed(80, 65)] }, config, SETTINGS, 50);
    expect(result).toMatchObject({ partial: true, stop_reason: 'interrupted' });
    expect(result.plan.rate).toBe(40);
    expect(result.gates[0]!.passed).toBe(false);
  });
});
