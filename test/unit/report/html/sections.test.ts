import { describe, expect, it } from 'vitest';
import { gatesSection } from '../../../../src/report/html/sections.js';
import { fullRunResult } from '../../../support/report-fixtures.js';

describe('the HTML gates table', () => {
  it('writes values and thresholds as the terminal does, in each gate unit', () => {
    const run = fullRunResult({
      gates: [
        { id: 'slo.p95', passed: true, value: 21.199, threshold: 300 },
        { id: 'slo.error_rate', passed: false, value: 0.0234, threshold: 0.01 },
        { id: 'slo.throughput', passed: true, value: 0.991, threshold: 0.97 },
        { id: 'budget.replica_lag', passed: true, value: null, threshold: 1 },
      ],
    });
    const cells = [...String(gatesSection(run)).matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(cells).toEqual(['21.2 ms', '≤ 300 ms', '2.3%', '≤ 1%', '99.1%', '≥ 97%', 'not measured', '≤ 1 s']);
  });
});
