/**
 * Splits one engine plan into equal parts — worker threads of one process, or shards on several machines —
 * so that the parts together send what the whole plan sends. Pure.
 *
 * Open model: every segment's rate ÷ parts. Closed model: virtual users split, the remainder spread over the
 * first parts. max_in_flight and the socket pool are split the same way (at least 1 each). Each part gets its
 * own seed, derived from the plan's, so the endpoint mix stays reproducible without every part sending the
 * identical sequence.
 */
import { ConfigError } from '../../errors.js';
import type { EnginePlan } from '../engine.js';
import type { Segment } from '../models/schedule.js';
import { flowPart } from '../../flow/flow-part.js';

export type PartKind = 'worker' | 'shard';

/** The `part`-th (0-based) of `parts` integer shares of `total`: the remainder goes to the first parts. */
export function evenShare(total: number, part: number, parts: number): number {
  return Math.floor(total / parts) + (part < total % parts ? 1 : 0);
}

/** Part 0 keeps the seed; others get a well-mixed one, distinct for workers and shards of the same index. */
export function deriveSeed(seed: number, kind: PartKind, part: number): number {
  if (part === 0) return seed;
  let h = (seed ^ Math.imul(part, kind === 'worker' ? 0x9e3779b9 : 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
  return (h ^ (h >>> 16)) | 0;
}

/** The highest rate any segment asks for (open model), req/s. */
export function peakRate(segments: readonly Segment[]): number {
  return Math.max(0, ...segments.map((s) => Math.max(s.from, s.to)));
}

/** One part of a plan; `part` is 0-based. */
export function planPart(plan: EnginePlan, part: number, parts: number, kind: PartKind): EnginePlan {
  if (!Number.isInteger(parts) || parts < 1 || !Number.isInteger(part) || part < 0 || part >= parts) {
    throw new RangeError(`part ${part} of ${parts} is not a valid part`);
  }
  if (parts === 1) return plan;
  const m = plan.model;
  const shared = {
    ...plan,
    maxInFlight: Math.max(1, evenShare(plan.maxInFlight, part, parts)),
    seed: deriveSeed(plan.seed, kind, part),
    ...flowPart(plan, part, parts),
  };
  if (m.kind === 'open') {
    return {
      ...shared,
      model: { ...m, segments: m.segments.map((s) => ({ ...s, from: s.from / parts, to: s.to / parts })) },
      pool: Math.max(1, evenShare(plan.pool, part, parts)),
    };
  }
  const connections = evenShare(m.connections, part, parts);
  if (connections < 1) {
    throw new ConfigError(
      `load.connections: ${m.connections} virtual users cannot be split into ${parts} ${kind}s; use at least ${parts}`,
    );
  }
  return { ...shared, model: { ...m, connections }, pool: connections };
}

/** All parts of a plan, for worker threads. */
export function splitPlan(plan: EnginePlan, parts: number): EnginePlan[] {
  return Array.from({ length: parts }, (_, i) => planPart(plan, i, parts, 'worker'));
}
