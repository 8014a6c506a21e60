import { describe, expect, it } from 'vitest';
import { compareFlows } from '../../../src/compare/flows.js';
import type { RunResult } from '../../../src/result/run-result.js';
import { flowOf } from '../../support/flow-results.js';

const run = (flows: RunResult['flows'], duration_s = 10): RunResult => ({ flows, duration_s }) as RunResult;
const many = (ms: number, n = 200): number[] => Array.from({ length: n }, (_, i) => ms + (i % 10));

describe('compareFlows', () => {
  it('judges whole iterations: slower and failing more is a regression', () => {
    const before = run({ buy: flowOf(many(100)) });
    const after = run({
      buy: flowOf(
        many(300),
        Array.from({ length: 40 }, () => ['checkout', 'http'] as const),
      ),
    });
    const [buy] = compareFlows(before, after)!;
    const verdict = (id: string) => buy!.figures.find((f) => f.id === id)?.verdict;
    expect(buy!.name).toBe('buy');
    expect(verdict('iteration.p95')).toBe('regressed');
    expect(verdict('failure_rate')).toBe('regressed');
    expect(compareFlows(after, before)![0]!.figures.find((f) => f.id === 'iteration.p95')?.verdict).toBe('improved');
  });

  it('judges completed iterations per second, with the ended ones (completed or failed) beside them', () => {
    const before = run({ buy: flowOf(many(100)) });
    const after = run({
      buy: flowOf(
        many(100, 40),
        Array.from({ length: 160 }, () => ['checkout', 'http'] as const),
      ),
    });
    const figures = compareFlows(before, after)![0]!.figures;
    const of = (id: string) => figures.find((f) => f.id === id)!;
    expect(of('iterations_per_s')).toMatchObject({ verdict: 'regressed', gate: false });
    expect(of('iterations_ended_per_s')).toMatchObject({ before: 20, after: 20, verdict: 'unchanged' });
  });

  it('covers only flows both runs have, and nothing when neither has one', () => {
    expect(compareFlows(run({ buy: flowOf([1]) }), run({ other: flowOf([1], [], 10, 'other') }))).toEqual([]);
    expect(compareFlows(run(undefined), run(undefined))).toBeUndefined();
  });
});
