import { describe, expect, it } from 'vitest';
import { analyzeDrill } from '../../../src/drill/analysis.js';
import { renderDrillPlan, renderDrillText } from '../../../src/drill/render.js';
import { drillActionSchema } from '../../../src/config/schema.js';
import { fault, recover, seconds, source } from './timeline-fixture.js';

describe('renderDrillText', () => {
  const timeline = [
    ...seconds(0, 10, { p95: 12 }),
    ...seconds(10, 14, { p95: 300, errors: 20, byClass: { timeout: 20 } }),
    ...seconds(14, 20),
  ];
  const pg = source('postgres', 'postgres', [
    [9, { replica_1_lag_s: 0 }],
    [11, { replica_1_lag_s: 4 }],
    [13, { replica_1_lag_s: 0.2 }],
    [14, { replica_1_lag_s: 0 }],
    [15, { replica_1_lag_s: 0 }],
  ]);

  it('shows baseline, degradation, recovery rule, sources, actions, failed output and the summary', () => {
    const failedRecovery = { ...recover(13), exit_code: 3, output: 'line 1\nunit web.service not found\n' };
    const drill = analyzeDrill(timeline, [fault(10), failedRecovery], {
      slo: {},
      consecutive: 3,
      sources: { postgres: pg },
    });
    const text = renderDrillText(drill);
    expect(text).toContain('baseline      p95 12 ms, error rate 0%');
    expect(text).toContain('during fault  p95 peaked at 300 ms, error rate peaked at 20% (over the limit for 4 s)');
    expect(text).toContain('errors        all timeouts — timeout 80');
    expect(text).toContain('recovery      4 s (p95 ≤ 62 ms and error rate ≤ 1% for 3 s in a row)');
    expect(text).toContain('postgres.replica_1_lag_s  peak 4 s (limit 1 s), recovered in 3 s');
    expect(text).toMatch(/13 s .*recover .*kill worker 2 .*FAILED: exit 3/);
    expect(text).toContain('output of kill worker 2 (recovery):\n    line 1\n    unit web.service not found');
    expect(text).toContain('    at 10 s: kill worker 2 (exit 0); error rate peaked at 20%');
  });

  it('says plainly when the service never recovered', () => {
    const drill = analyzeDrill([...seconds(0, 5), ...seconds(5, 10, { errors: 50 })], [fault(5)], {
      slo: { error_rate: 0.05 },
      consecutive: 3,
    });
    expect(renderDrillText(drill)).toContain(
      'recovery      not recovered before the load ended (p95 ≤ 60 ms and error rate ≤ 5% for 3 s in a row)',
    );
  });
});

describe('renderDrillPlan', () => {
  it('lists faults and recoveries with their timeouts', () => {
    const plan = renderDrillPlan([
      drillActionSchema.parse({
        name: 'kill web',
        at: '30s',
        run: 'kill 1',
        recover: { at: '45s', run: 'start web', timeout: '5s' },
      }),
    ]);
    expect(plan).toBe(
      'drill:\n  at 30 s: kill web: kill 1 (timeout 30 s)\n  at 45 s: recover kill web: start web (timeout 5 s)\n',
    );
  });
});
