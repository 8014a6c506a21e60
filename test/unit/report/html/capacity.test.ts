import { describe, expect, it } from 'vitest';
import { capacityRunResult } from '../../../../src/capacity/capacity-run-result.js';
import { validateConfig } from '../../../../src/config/load.js';
import { renderHtml } from '../../../../src/report/html/html.js';
import { SETTINGS, searchOutcome } from '../../capacity/capacity-fixture.js';

const result = capacityRunResult(searchOutcome(65), validateConfig({ target: 'http://127.0.0.1:1' }), SETTINGS);

describe('HTML capacity section', () => {
  const page = renderHtml(result);

  it('draws latency against rate with one point per judged rate, the SLO and the answer marked', () => {
    const chart = page.slice(page.indexOf('data-chart="capacity-latency"'));
    expect(chart).toMatch(/data-series="p95" data-points="5"/);
    expect(chart).toMatch(/data-series="slo-p95" data-points="2"/);
    expect(chart).toContain('data-marker-t="60"');
    expect(chart).toContain('data-marker-t="70"');
    expect(chart).toMatch(/>80\/s</);
  });

  it('puts each source signal on the same rate axis', () => {
    expect(page).toMatch(/data-chart="capacity-signal-pgbouncer.cl_waiting"/);
    expect(page).toMatch(/data-chart="capacity-throughput"/);
  });

  it('has the answer and the step table; a run without a search has no capacity section', () => {
    expect(page).toContain('max sustainable rate 60 req/s');
    expect(page.match(/<tr class="(pass|fail)">/g)).toHaveLength(5);
    const { capacity: _c, ...plain } = result;
    expect(renderHtml(plain)).not.toContain('capacity-latency');
  });
});
