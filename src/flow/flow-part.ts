/**
 * Flows across workers and shards: each part gets a disjoint slice of every unique data set and its place among
 * all parts (so iteration and user numbers never repeat); shards of one plan share a fingerprint of the flows.
 */
import type { EnginePlan } from '../load/engine.js';
import { dataSetPart } from './data-set.js';

/** What part `part` of `parts` adds to the split plan (nothing without flows). Parts of parts compose. */
export function flowPart(plan: EnginePlan, part: number, parts: number): Partial<EnginePlan> {
  if (!plan.flows?.length) return {};
  const whole = plan.part ?? { index: 0, count: 1 };
  return {
    data: (plan.data ?? []).map((d) => dataSetPart(d, part, parts)),
    part: { index: whole.index * parts + part, count: whole.count * parts },
  };
}

/** The flows' share of the plan fingerprint: steps, weights and data set sizes, never header values or rows. */
export function flowFingerprint(plan: EnginePlan): Record<string, unknown> {
  if (!plan.flows?.length) return {};
  return {
    flows: plan.flows.map((f) => ({
      name: f.name,
      weight: f.weight,
      csrf: f.csrf,
      steps: f.steps.map((s) => [s.method, s.origin + s.configuredPath, s.expect, s.extract.map((e) => e.name)]),
    })),
    data: (plan.data ?? []).map((d) => [d.name, d.mode, d.total]),
  };
}
