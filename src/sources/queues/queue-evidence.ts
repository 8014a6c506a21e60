import type { QueueEvidence } from '../../result/evidence.js';
import { drainSeconds } from './drain.js';
import { leastSquaresSlope } from '../slope.js';

/** Depth of the watched queues at one instant. `total` counts every message waiting (and reserved, on Redis). */
export interface DepthPoint {
  t: number;
  total: number;
  by_queue: Record<string, number>;
  consumers?: Record<string, number>;
  unacked?: number;
}

/** What flowed through the queues during the run, as far as the broker lets it be counted. */
export interface QueueFlow {
  /** Writes (or deliveries) seen per queue; empty when not countable. */
  by_queue: Record<string, number>;
  measured_by: string;
}

/**
 * QueueEvidence from the baseline (taken when the load started, t = 0) and the samples: depth extremes,
 * the least-squares slope during the load, and how long after the load the depth took to get back.
 */
export function queueEvidence(
  names: readonly string[],
  baseline: DepthPoint | undefined,
  samples: readonly DepthPoint[],
  loadEndT: number,
  flow?: QueueFlow,
): QueueEvidence {
  const all = baseline ? [baseline, ...samples] : [...samples];
  const evidence: QueueEvidence = { names: [...names] };
  if (all.length === 0) return evidence;
  const start = all[0]!;
  const totals = all.map((p) => ({ t: p.t, v: p.total }));
  evidence.depth_max = Math.max(...all.map((p) => p.total));
  evidence.depth_start = start.total;
  evidence.depth_end = all.at(-1)!.total;
  const slope = leastSquaresSlope(totals.filter((p) => p.t <= loadEndT));
  if (slope !== undefined) evidence.slope_per_s = slope;
  evidence.drain_s = drainSeconds(totals, loadEndT, start.total);
  const flowed = (name: string): number => flow?.by_queue[name] ?? 0;
  evidence.active_queues = names.filter(
    (name) => flowed(name) > 0 || all.some((p) => (p.by_queue[name] ?? 0) > 0),
  ).length;
  evidence.by_queue = Object.fromEntries(names.map((name) => [name, queueStat(name, all, flow)]));
  if (flow) evidence.flow_measured_by = flow.measured_by;
  const unacked = all.flatMap((p) => (p.unacked === undefined ? [] : [p.unacked]));
  if (unacked.length > 0) evidence.unacked_max = Math.max(...unacked);
  return evidence;
}

type QueueStat = NonNullable<QueueEvidence['by_queue']>[string];

function queueStat(name: string, points: readonly DepthPoint[], flow: QueueFlow | undefined): QueueStat {
  const stat: QueueStat = { depth_max: Math.max(...points.map((p) => p.by_queue[name] ?? 0)) };
  const flowed = flow?.by_queue[name];
  if (flowed !== undefined) stat.flow = flowed;
  const consumers = points.flatMap((p) => (p.consumers?.[name] === undefined ? [] : [p.consumers[name]]));
  if (consumers.length > 0) stat.consumers = Math.max(...consumers);
  return stat;
}

/** Flat sample values for the series: total depth and one entry per queue. */
export function depthValues(point: DepthPoint): Record<string, number> {
  const values: Record<string, number> = { depth: point.total };
  for (const [name, depth] of Object.entries(point.by_queue)) values[`depth:${name}`] = depth;
  if (point.unacked !== undefined) values.unacked = point.unacked;
  if (point.consumers) {
    values.consumers = Object.values(point.consumers).reduce((a, b) => a + b, 0);
    for (const [name, n] of Object.entries(point.consumers)) values[`consumers:${name}`] = n;
  }
  return values;
}
