import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../../../src/compare/compare.js';
import { renderComparison } from '../../../../src/report/compare/render.js';
import { mdCell } from '../../../../src/report/compare/markdown.js';
import { buildRunResult, finding } from '../../../support/result-builder.js';
import { HOSTILE } from '../../../support/report-fixtures.js';

const ANSI = /\u001b\[/;
const hostileName = `a|b ${HOSTILE.script}`;

const before = buildRunResult({
  seed: 1,
  endpoints: [{ name: hostileName, path: '/x' }],
  findings: [finding('db.n-plus-one', 'Database', 'pass')],
  gates: [{ id: 'slo.p95', passed: true, value: 90, threshold: 300 }],
});
const after = buildRunResult({
  seed: 2,
  median_ms: 120,
  endpoints: [{ name: hostileName, path: '/x' }],
  findings: [finding('db.n-plus-one', 'Database', 'fail')],
  gates: [{ id: 'slo.p95', passed: false, value: 320, threshold: 300 }],
});
const comparison = compareRuns(before, after);

describe('compare renderers', () => {
  it('json is the Comparison itself', () => {
    expect(JSON.parse(renderComparison(comparison, 'json'))).toEqual(JSON.parse(JSON.stringify(comparison)));
  });

  it('terminal shows the regressions and the verdict line, coloured only when asked', () => {
    const plain = renderComparison(comparison, 'terminal', { color: false });
    expect(plain).not.toMatch(ANSI);
    expect(plain).toMatch(/Latency p95 \(gate\).*regressed/);
    expect(plain).toMatch(/db\.n-plus-one.*pass.*fail.*regressed/);
    expect(plain).toContain('gate regressions: latency.p95');
    expect(plain).toContain('gate:slo.p95');
    expect(renderComparison(comparison, 'terminal', { color: true })).toMatch(ANSI);
  });

  it('md tables stay intact and inert with pipes and markup in names', () => {
    const md = renderComparison(comparison, 'md');
    expect(md).toContain('| Latency p95 (gate) |');
    expect(md).toMatch(/\| db\.n-plus-one \| Database \| pass \| fail \| ❌ regressed \|/);
    expect(md).not.toContain('<script>');
    expect(md).toContain(mdCell(hostileName));
    expect(mdCell('a|b<i>\nc')).toBe('a\\|b&lt;i&gt; c');
  });

  it('html escapes endpoint names and marks each figure row with its verdict', () => {
    const page = renderComparison(comparison, 'html');
    expect(page).not.toMatch(/<script/i);
    expect(page).toContain('&lt;script&gt;');
    expect(page).toMatch(/<table class="figures">.*<tr data-figure="latency\.p95" data-verdict="regressed">/s);
    expect(page).toMatch(/data-gate-regressions="[1-9]/);
  });

  it('html draws the successful responses per second beside the answered ones, and the gate figures not judged', () => {
    const failing = buildRunResult({ seed: 3, error_rate: 1, endpoints: [{ name: hostileName, path: '/x' }] });
    const page = renderComparison(compareRuns(before, failing), 'html');
    expect(page).toMatch(/Successful responses per second/);
    expect(page).toMatch(/Answered requests per second/);
    expect(comparison.timelines.after.every((p) => p.successes === p.requests - p.errors)).toBe(true);
    expect(compareRuns(before, failing).timelines.after.every((p) => p.successes === 0)).toBe(true);
    expect(renderComparison(comparison, 'terminal', { color: false })).toMatch(/gate figures not judged: .*error_rate/);
    expect(renderComparison(comparison, 'md')).toMatch(
      /\| Error rate \(gate\) \|.*runs too short.* — fix: rerun with a longer/,
    );
  });
});
