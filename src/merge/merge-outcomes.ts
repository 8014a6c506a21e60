/**
 * One LoadOutcome from the outcomes of worker threads that ran parts of the same plan (same endpoints, same
 * start instant): histograms added, counters summed, per-second rows of the same t summed, generator health
 * the worst of, edge statistics merged. Exactly what one engine recording every response would return. Pure.
 */
import type { LoadOutcome } from '../load/engine.js';
import { mergeRecorded } from './merge-summary.js';
import { mergeTimelines } from './merge-timeline.js';
import { mergeGeneratorHealth } from './merge-generator.js';
import { mergeEdgeEvidence } from '../edge/edge-recorder.js';
import type { EdgeEvidence } from '../result/evidence.js';
import { mergeDataUse, mergeFlowOutcomes } from './merge-flows.js';
import { mergeAppByEndpoint } from '../app/app-recorder.js';

export function mergeOutcomes(outcomes: readonly LoadOutcome[]): LoadOutcome {
  if (outcomes.length === 0) throw new RangeError('mergeOutcomes: no outcome to merge');
  if (outcomes.length === 1) return outcomes[0]!;
  const durationS = Math.max(...outcomes.map((o) => o.durationS));
  const endpointCount = outcomes[0]!.endpoints.length;
  if (outcomes.some((o) => o.endpoints.length !== endpointCount))
    throw new RangeError('mergeOutcomes: outcomes of different plans');
  const total = mergeRecorded(outcomes, durationS);
  const edges = outcomes.map((o) => o.edge).filter((e): e is EdgeEvidence => e !== undefined);
  const stopReason = outcomes.find((o) => o.stopReason !== undefined)?.stopReason;
  const endedEarly = outcomes.find((o) => o.endedEarly !== undefined)?.endedEarly;
  const flows = outcomes.map((o) => o.flows).filter((f) => f !== undefined);
  const data = mergeDataUse(outcomes.map((o) => o.data));
  const apps = outcomes.flatMap((o) => (o.app ? [o.app] : []));
  return {
    summary: total.summary,
    histograms: total.histograms,
    endpoints: Array.from({ length: endpointCount }, (_, i) =>
      mergeRecorded(
        outcomes.map((o) => o.endpoints[i]!),
        durationS,
      ),
    ),
    timeline: mergeTimelines(outcomes.map((o) => ({ rows: o.timeline, offsetS: 0 }))),
    generator: mergeGeneratorHealth(
      outcomes.map((o) => o.generator),
      (i) => `worker ${i + 1}`,
    ),
    startEpochMs: Math.min(...outcomes.map((o) => o.startEpochMs)),
    durationS,
    partial: outcomes.some((o) => o.partial),
    ...(stopReason !== undefined ? { stopReason } : {}),
    ...(edges.length ? { edge: mergeEdgeEvidence(...edges) } : {}),
    ...(apps.length ? { app: mergeAppByEndpoint(apps) } : {}),
    ...(flows.length ? { flows: mergeFlowOutcomes(flows) } : {}),
    ...(data ? { data } : {}),
    ...(endedEarly !== undefined ? { endedEarly } : {}),
  };
}
