/** A flow's entry in run.json from its tally: rates and the iteration latency read from the histogram. Pure. */
import { decodeHistogram, summarizeHistogram } from '../load/histogram.js';
import type { FlowResult } from '../result/run-result.js';
import type { FlowTally } from './flow-recorder.js';

const round2 = (x: number): number => Math.round(x * 100) / 100;

export function flowResult(
  meta: Pick<FlowResult, 'name' | 'weight' | 'steps'>,
  tally: FlowTally,
  durationS: number,
): FlowResult {
  const ended = tally.completed + tally.failed;
  const { target_rate: target, ...counts } = tally;
  return {
    name: meta.name,
    weight: meta.weight,
    steps: [...meta.steps],
    ...counts,
    summary: {
      rate: durationS > 0 ? round2(tally.completed / durationS) : 0,
      ...(target !== undefined ? { target_rate: round2(target) } : {}),
      failure_rate: ended ? tally.failed / ended : 0,
      latency_ms: summarizeHistogram(decodeHistogram(tally.histogram)),
    },
  };
}
