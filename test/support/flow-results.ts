import { FlowRecorder } from '../../src/flow/flow-recorder.js';
import { flowResult } from '../../src/flow/flow-summary.js';
import type { FlowResult } from '../../src/result/run-result.js';

/** A FlowResult recorded by the real FlowRecorder: completed iterations' latencies (ms) and failures by step. */
export function flowOf(
  latenciesMs: readonly number[],
  failures: readonly [step: string, cls: 'http' | 'csrf' | 'extract'][] = [],
  durationS = 10,
  name = 'buy',
): FlowResult {
  const r = new FlowRecorder();
  for (const ms of latenciesMs) {
    r.start();
    r.complete(ms);
  }
  for (const [step, cls] of failures) {
    r.start();
    r.fail(step, cls);
  }
  return flowResult({ name, weight: 1, steps: ['login', 'checkout'] }, r.tally(), durationS);
}
