import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../../src/compare/compare.js';
import { capacityRunResult } from '../../../src/capacity/capacity-run-result.js';
import { validateConfig } from '../../../src/config/load.js';
import { SETTINGS, searchOutcome } from '../capacity/capacity-fixture.js';
import type { RunResult } from '../../../src/result/run-result.js';

const config = validateConfig({ target: 'http://127.0.0.1:8000' });
const run = (capacity: number): RunResult => capacityRunResult(searchOutcome(capacity), config, SETTINGS);
const capacityFigure = (before: RunResult, after: RunResult) =>
  compareRuns(before, after).figures.find((f) => f.id === 'capacity.max_rate');

describe('compare: capacity before vs after', () => {
  it('a lower max sustainable rate is a regression of a gate figure', () => {
    const f = capacityFigure(run(130), run(65))!;
    expect(f).toMatchObject({ before: 120, after: 60, verdict: 'regressed', gate: true });
  });

  it('a change within the precision of the searches is unchanged', () => {
    const before = run(65);
    const after: RunResult = { ...before, capacity: { ...before.capacity!, max_rate: 55 } };
    expect(capacityFigure(before, after)).toMatchObject({ verdict: 'unchanged' });
  });

  it('runs without a search have no capacity figure', () => {
    const { capacity: _c, ...plain } = run(65);
    expect(capacityFigure(plain, plain)).toBeUndefined();
  });
});
