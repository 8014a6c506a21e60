import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../../src/compare/compare.js';
import { judgeGate } from '../../../src/compare/gate.js';
import { buildRunResult } from '../../support/result-builder.js';

const run = (seed: number, extra: Parameters<typeof buildRunResult>[0] extends infer S ? Partial<S> : never = {}) =>
  buildRunResult({ seconds: 30, rps: 50, median_ms: 40, seed, ...extra });

describe('judgeGate', () => {
  it('passes a pair whose gate figures are all unchanged or improved', () => {
    // Enough requests that no error in either run bounds the error rate within its minimum effect.
    const c = compareRuns(run(1, { seconds: 60, rps: 200 }), run(2, { seconds: 60, rps: 200, median_ms: 20 }));
    expect(c.gates_inconclusive).toEqual([]);
    expect(judgeGate(c)).toMatchObject({ passed: true, failures: [], inconclusive: [] });
  });

  it('fails a regression', () => {
    const verdict = judgeGate(compareRuns(run(3), run(4, { median_ms: 80 })));
    expect(verdict.passed).toBe(false);
    expect(verdict.failures[0]).toMatch(/^gate figures regressed: .*latency\.p95/);
  });

  it('fails an inconclusive gate figure with its reason and fix, unless inconclusive figures are allowed', () => {
    const after = run(6, { added_ms: 30 });
    after.generator.lagged = true;
    after.generator.schedule_lag_ms = { p50: 8, p99: 30, max: 60 };
    const c = compareRuns(run(5), after);
    expect(c.gate_regressions).toEqual([]);
    const strict = judgeGate(c);
    expect(strict.passed).toBe(false);
    expect(strict.failures.join('\n')).toMatch(/gate figures inconclusive \(.*latency\.p95.*\): an unjudged gate/);
    expect(strict.inconclusive.join('\n')).toMatch(
      /latency\.p95: inconclusive — the load generator lagged in the after run.* — fix: rerun with fewer req\/s/,
    );
    const allowed = judgeGate(c, { allowInconclusive: true });
    expect(allowed).toMatchObject({ passed: true, failures: [], inconclusiveFail: false });
    expect(allowed.inconclusive).toEqual(strict.inconclusive);
  });

  it('names the too-short cause and its fix', () => {
    const c = compareRuns(run(7, { seconds: 3 }), run(8, { seconds: 3 }));
    const lines = judgeGate(c).inconclusive.join('\n');
    expect(lines).toMatch(/runs too short to tell .* — fix: rerun with a longer --duration/);
  });

  it('fails when no gate figure could be compared', () => {
    const before = run(9, { endpoints: [{ name: 'old', path: '/' }] });
    const after = run(10, { endpoints: [{ name: 'new', path: '/' }] });
    expect(judgeGate(compareRuns(before, after)).failures.join('\n')).toMatch(/share no endpoint/);
  });
});
