import { defineCheck, notMeasured, pct } from './check.js';

const SHED = new Set(['429', '503']);
const UNGRACEFUL = (k: string): boolean =>
  ['timeout', 'reset', 'refused'].includes(k) || (/^5\d\d$/.test(k) && !SHED.has(k));

/** During the fault: errors within the drill budget, and what fails is shed (429/503), not timeouts or 5xx. */
export default defineCheck<{ error_rate: number }>({
  id: 'drill.degradation',
  category: 'resilience',
  title: 'Graceful degradation during a fault',
  weight: 2,
  defaults: { error_rate: 0.05 },
  config: { error_rate: { path: 'budgets.drill_error_rate' } },
  judge(e, t) {
    const drill = e.drill;
    if (!drill)
      return notMeasured(
        'no drill in this run',
        'add drill.actions (kill a worker, stop a replica) to see how the service degrades',
        t.error_rate,
      );
    const d = drill.degradation;
    const classes = Object.entries(d.by_class).filter(([, n]) => n > 0);
    const shed = classes.filter(([k]) => SHED.has(k)).reduce((a, [, n]) => a + n, 0);
    const hard = classes.filter(([k]) => UNGRACEFUL(k)).sort((a, b) => b[1] - a[1]);
    const hardCount = hard.reduce((a, [, n]) => a + n, 0);
    // Name the classes seen: a reset is not a timeout, a 502 is not a 500.
    const hardNamed = hard.map(([k, n]) => `${n} ${/^\d+$/.test(k) ? `HTTP ${k}` : k}`).join(', ');
    const failedHard = hardCount ? `, ${hardCount} failed hard: ${hardNamed}` : '';
    const what = `error rate ${pct(d.error_rate)} during the fault (${shed} shed with 429/503${failedHard})`;
    const remedy =
      'fail fast when a dependency is down: timeouts + circuit breakers, serve stale cache, shed with 429/503 ' +
      '+ Retry-After';
    const details = { by_class: d.by_class, p95_ms: d.p95_ms, seconds: d.seconds };
    if (d.error_rate > t.error_rate)
      return {
        status: 'fail',
        value: d.error_rate,
        threshold: t.error_rate,
        remedy,
        details,
        message: `${what} > ${pct(t.error_rate)}`,
      };
    if (hardCount > 0)
      return {
        status: 'warn',
        value: d.error_rate,
        threshold: t.error_rate,
        remedy,
        details,
        message: `${what}: within ${pct(t.error_rate)}, but failing hard instead of shedding`,
      };
    return {
      status: 'pass',
      value: d.error_rate,
      threshold: t.error_rate,
      remedy,
      details,
      message: `${what} ≤ ${pct(t.error_rate)}`,
    };
  },
});
