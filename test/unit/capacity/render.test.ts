import { describe, expect, it } from 'vitest';
import { capacityHeadline, renderCapacityMarkdown, renderCapacityText, uslText } from '../../../src/capacity/render.js';
import { capacityRunResult } from '../../../src/capacity/capacity-run-result.js';
import { validateConfig } from '../../../src/config/load.js';
import { md } from '../../../src/report/text/markdown-escape.js';
import { renderReport } from '../../../src/report/index.js';
import type { CapacityResult } from '../../../src/result/run-result.js';
import { SETTINGS, searchOutcome } from './capacity-fixture.js';

const config = validateConfig({ target: 'http://127.0.0.1:1', capacity: { min_rate: 100 } });
const result = capacityRunResult(searchOutcome(65), config, SETTINGS, 100);
const c = result.capacity!;

describe('capacity text', () => {
  it('the headline gives the rate, the SLO, the bracket and the confirmation', () => {
    expect(capacityHeadline(c)).toBe(
      'max sustainable rate 60 req/s under p95 ≤ 300 ms and errors ≤ 1%; bracket 60–70 (confirmed over 8 s)',
    );
    const inconclusive: CapacityResult = { ...c, status: 'inconclusive', max_rate: null, reason: 'capped' };
    expect(capacityHeadline(inconclusive)).toBe('inconclusive, not a capacity: capped');
  });

  it('the terminal section has the limits, the concurrency, the USL line and one row per step', () => {
    const text = renderCapacityText(c);
    expect(text).toMatch(/limited by\s+pgbouncer\.cl_waiting: pgbouncer: 15 clients waiting/);
    expect(text).toMatch(/concurrency\s+\d\.\d+ requests in service at once/);
    expect(text).toMatch(/USL\s+/);
    expect(text.match(/│ +(40|80|60|70|60 \(hold\)) │/g)).toHaveLength(5);
  });

  it('the Markdown section escapes and tabulates the steps, and the report carries the gate', () => {
    const section = renderCapacityMarkdown(c, md);
    expect(section).toMatch(/^### Capacity/);
    expect(section.split('\n').filter((l) => /^\| \d/.test(l))).toHaveLength(5);
    const report = renderReport(result, 'md');
    expect(report).toContain('### Capacity');
    expect(report).toMatch(/❌ \| `capacity.min_rate` \| 60 req\/s \| ≥ 100 req\/s \|/);
    const junit = renderReport(result, 'junit');
    expect(junit).toMatch(/<testcase name="capacity.min_rate"[^>]*>\s*<failure/);
  });

  it('the USL line says when the fit is poor instead of printing it', () => {
    const poor = {
      ...c,
      usl: { sigma: 0.1, kappa: 0.01, lambda: 10, peak_rate: 50, peak_concurrency: 3, r2: 0.4, points: 4, poor: true },
    };
    expect(uslText(poor)).toBe('fit poor (r² 0.4 over 4 points): not shown');
    const good = { ...poor, usl: { ...poor.usl, r2: 0.99, poor: false } };
    expect(uslText(good)).toMatch(
      /σ 0.1 \(contention\), κ 0.01 \(coherency\); predicted peak 50 req\/s at concurrency 3/,
    );
    expect(uslText({ ...c, usl: null })).toMatch(/too few passing steps/);
  });
});
