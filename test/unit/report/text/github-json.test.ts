import { describe, expect, it } from 'vitest';
import { escapeProperty, renderGithubAnnotations } from '../../../../src/report/text/github.js';
import { renderJson } from '../../../../src/report/text/json.js';
import { renderReport } from '../../../../src/report/index.js';
import { auditedRun } from '../report-fixture.js';

describe('GitHub annotations', () => {
  const run = auditedRun();
  const lines = renderGithubAnnotations(run).trim().split('\n');

  it('one ::error per failed gate and failed rule, a ::warning per warning, a ::notice verdict', () => {
    const failedGates = run.gates.filter((g) => !g.passed).length;
    const failed = run.findings.filter((f) => f.status === 'fail').length;
    const warned = run.findings.filter((f) => f.status === 'warn').length;
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(failedGates + failed);
    expect(lines.filter((l) => l.startsWith('::warning '))).toHaveLength(warned);
    expect(lines.at(-1)).toMatch(
      new RegExp(`^::notice title=scale-audit::${failedGates} of ${run.gates.length} gates failed`),
    );
    const budget = run.gates.find((g) => g.id === 'budget.queries_per_request')!.message!;
    expect(lines).toContain(`::error title=scale-audit gate budget.queries_per_request::${budget}`);
  });

  it("escapes the runner's separators so a message cannot end the command early", () => {
    expect(escapeProperty('a: b, 100%\nc')).toBe('a%3A b%2C 100%25%0Ac');
    for (const l of lines) expect(l.split('::').length, l).toBe(3);
  });
});

describe('JSON report', () => {
  it('keeps run.json names for the figures, without the histograms and the timeline', () => {
    const run = auditedRun();
    const doc = JSON.parse(renderJson(run)) as Record<string, unknown>;
    expect(doc).toMatchObject({
      kind: 'scale-audit-report',
      version: 1,
      target: run.plan.target,
      passed: false,
      score: run.score,
      gates: run.gates,
      findings: run.findings,
    });
    expect((doc.summary as { latency_ms: unknown }).latency_ms).toEqual(run.summary.latency_ms);
    expect((doc.endpoints as Record<string, { summary: unknown }>).home!.summary).toEqual(run.endpoints.home!.summary);
    expect(doc).not.toHaveProperty('timeline');
    expect(doc).not.toHaveProperty('histograms');
    expect(renderReport(run, 'json')).toBe(renderJson(run));
  });
});
