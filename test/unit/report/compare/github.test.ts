import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../../../src/compare/compare.js';
import { judgeGate } from '../../../../src/compare/gate.js';
import { renderCompareAnnotations } from '../../../../src/report/compare/github.js';
import { buildRunResult } from '../../../support/result-builder.js';

const before = buildRunResult({ seed: 1 });
const slower = buildRunResult({ seed: 2, median_ms: 120 });

describe('renderCompareAnnotations', () => {
  it('writes an ::error per regressed gate figure and one per unjudged gate figure when they fail the gate', () => {
    const c = compareRuns(before, slower);
    const text = renderCompareAnnotations(c, judgeGate(c), true);
    expect(text).toMatch(/^::error title=scale-audit compare latency.p95::.* → .*beyond the minimum effect/m);
    expect(text).toMatch(/^::error title=scale-audit compare error_rate::error_rate: inconclusive — .*fix: /m);
    expect(text).toMatch(/^::notice title=scale-audit compare::gate failed: gate figures regressed/m);
  });

  it('downgrades unjudged gate figures to warnings with --allow-inconclusive', () => {
    const c = compareRuns(before, buildRunResult({ seed: 3 }));
    const gate = judgeGate(c, { allowInconclusive: true });
    const text = renderCompareAnnotations(c, gate, true);
    expect(text).toMatch(/^::warning title=scale-audit compare error_rate::/m);
    expect(text).not.toMatch(/^::error/m);
    expect(text).toMatch(/^::notice title=scale-audit compare::gate passed/m);
  });
});
