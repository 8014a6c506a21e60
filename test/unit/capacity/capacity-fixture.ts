/** A capacity search as data: steps built as real RunResults (result-builder) and judged by judgeStep. */
import { buildRunResult } from '../../support/result-builder.js';
import { capacitySlo, judgeStep } from '../../../src/capacity/judge-step.js';
import type { CapacityOutcome, ExecutedStep } from '../../../src/capacity/summarize.js';
import { nextAction, type SearchAnswer } from '../../../src/capacity/search.js';
import type { CapacitySettings } from '../../../src/capacity/settings.js';
import type { Evidence } from '../../../src/result/evidence.js';

export const SETTINGS: CapacitySettings = {
  search: { start: 40, ceiling: 5000, ceilingBy: 'max', precision: 0.2, confirm: true },
  stepMs: 4000,
  settleMs: 1000,
  cooldownMs: 1000,
  confirmMs: 8000,
};
export const SLO = capacitySlo({ endpoints: {} });

/** A target that serves `capacity` req/s at 100 ms, with a pgbouncer whose clients wait once it is full. */
export function executed(rate: number, capacity: number, confirmation = false, seed = rate): ExecutedStep {
  const over = rate > capacity;
  const seconds = (SETTINGS.settleMs + (confirmation ? SETTINGS.confirmMs : SETTINGS.stepMs)) / 1000;
  const evidence: Evidence = {
    db: { pooler: { present: true, cl_waiting_max: over ? 15 : 0, maxwait_ms_max: over ? 400 : 0 } },
  };
  const base = buildRunResult({
    seed,
    seconds,
    rps: over ? capacity : rate,
    median_ms: over ? 600 : 100,
    sigma: 0.1,
    jitter: 0.01,
    evidence,
  });
  const result = { ...base, plan: { ...base.plan, rate } };
  const window = { rate, settleS: SETTINGS.settleMs / 1000, holdS: seconds - SETTINGS.settleMs / 1000 };
  return {
    rate,
    confirmation,
    settleS: window.settleS,
    holdS: window.holdS,
    result,
    judged: judgeStep(result, window, SLO),
  };
}

/** The whole search, driven by nextAction against the fixture target. */
export function searchOutcome(capacity: number): CapacityOutcome {
  const steps: ExecutedStep[] = [];
  for (;;) {
    const action = nextAction(
      SETTINGS.search,
      steps.map((s) => ({ rate: s.rate, confirmation: s.confirmation, verdict: s.judged.verdict as 'pass' | 'fail' })),
    );
    if (action.kind === 'done') return { executed: steps, answer: action.answer as SearchAnswer };
    steps.push(executed(action.rate, capacity, action.confirmation));
  }
}
