/** The terminal text of a calibration: the floor, the search steps, what was held, and whether the plan fits. */
import { formatMs, formatNumber } from '../util/format.js';
import type { Calibration, CalibrationStep } from './calibration.js';

const rate = (n: number): string => `${formatNumber(n, 0)} req/s`;

export function stepLine(s: CalibrationStep): string {
  return `  ${rate(s.rate).padStart(14)}  ${s.held ? 'held' : `not held: ${s.reason}`}`;
}

/** The verdict line, also what `run --calibrate` warns with. */
export function planVerdict(c: Calibration): string {
  const held = c.ceiling_reached ? `≥ ${rate(c.max_rate)} (the search stopped at --max)` : rate(c.max_rate);
  if (c.planned_rate === null) return `closed model: no planned rate to check; this machine held ${held}`;
  return c.plan_fits
    ? `the plan's ${rate(c.planned_rate)} fits: this machine held ${held}`
    : `the plan asks for ${rate(c.planned_rate)}; this machine held ${held} with ${c.workers} worker(s)` +
        (c.ceiling_reached ? ' — raise --max to search further' : ' — add workers or machines (shards)');
}

export function renderCalibration(c: Calibration): string {
  const f = c.floor;
  const model =
    f.model === 'open' ? `open model at ${rate(f.rate ?? 0)}` : `closed model, ${f.connections} connections`;
  return [
    `scale-audit calibrate — ${c.workers} worker(s), a null server on loopback`,
    `floor (${model}, ${f.duration_s} s, ${f.requests} requests${f.lagged ? ', lagged' : ''}):`,
    `  added latency p50 ${formatMs(f.added_latency_ms.p50)}, p99 ${formatMs(f.added_latency_ms.p99)}; ` +
      `event-loop delay p99 ${formatMs(f.event_loop_delay_ms.p99)} (max ${formatMs(f.event_loop_delay_ms.max)})`,
    'highest open rate held within 1 % without lag:',
    ...c.steps.map(stepLine),
    `  → ${c.ceiling_reached ? '≥ ' : ''}${rate(c.max_rate)}`,
    planVerdict(c),
    '',
  ].join('\n');
}
