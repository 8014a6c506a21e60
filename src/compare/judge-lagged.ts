/**
 * Judging a figure when a run's load generator lagged. The target's own figure lies between the measured one
 * and the measured one moved toward "better" by what that run's generator can explain (its allowance). So a
 * change is regressed only when it is regressed even with the after run's allowance taken off, improved only
 * when it is improved even with the before run's taken off, and unchanged only when it is unchanged both ways;
 * anything else is inconclusive because of the generator (also when the runs are too short besides: a lagging
 * generator widens the intervals too, and the fix names both), and the Why column says the bound.
 */
import { formatValue } from '../util/format.js';
import type { ValueUnit } from '../util/format.js';
import { GENERATOR_LAGGED, judgeEstimates, withGeneratorCaveat } from './judge.js';
import type { IntervalJudgeInput, Judgement } from './judge.js';
import type { Estimate } from './intervals.js';

/** What each run's generator can explain, in the figure's unit (0: nothing; Infinity: no bound). */
export interface Allowance {
  before: number;
  after: number;
  unit: ValueUnit;
  /** What the bound is made of, e.g. "max(send lag, event-loop delay) + queue time at p99". */
  basis: string;
}

const FLOOR = 1e-6;

/** The estimate moved by `by` in its own unit; on the log scale the standard error follows (delta method). */
export function shiftEstimate(e: Estimate, by: number): Estimate {
  if (by === 0) return e;
  const move = (x: number | null): number | null => (x === null ? null : Math.max(FLOOR, x + by));
  const value = Math.max(FLOOR, e.value + by);
  const se = e.scale === 'log' && e.value > 0 && Number.isFinite(e.se) ? (e.se * e.value) / value : e.se;
  return { ...e, value, low: move(e.low), high: move(e.high), se };
}

function boundText(a: Allowance): string {
  const sides = [
    ...(a.before > 0 ? [`${formatValue(a.before, a.unit)} in the before run`] : []),
    ...(a.after > 0 ? [`${formatValue(a.after, a.unit)} in the after run`] : []),
  ];
  return `the generator can explain up to ${sides.join(' and ')} (${a.basis})`;
}

export function judgeBeyondGenerator(input: IntervalJudgeInput, a: Allowance, lagged: string | null): Judgement {
  const plain = judgeEstimates(input);
  // A lag that explains none of this figure (it sent its whole schedule) leaves it the target's.
  if (lagged === null || (a.before === 0 && a.after === 0)) return plain;
  if (!Number.isFinite(a.before) || !Number.isFinite(a.after)) return withGeneratorCaveat(plain, lagged);
  const towardBetter = input.better === 'lower' ? -1 : 1;
  const forRegression = judgeEstimates({ ...input, after: shiftEstimate(input.after, towardBetter * a.after) });
  const forImprovement = judgeEstimates({ ...input, before: shiftEstimate(input.before, towardBetter * a.before) });
  const bound = boundText(a);
  if (forRegression.verdict === 'regressed')
    return { ...plain, verdict: 'regressed', reason: `${plain.reason}; beyond what ${bound}` };
  if (forImprovement.verdict === 'improved')
    return { ...plain, verdict: 'improved', reason: `${plain.reason}; beyond what ${bound}` };
  if (forRegression.verdict === 'unchanged' && forImprovement.verdict === 'unchanged')
    return { ...plain, verdict: 'unchanged', reason: `${plain.reason}; either way within what ${bound}` };
  return {
    ...plain,
    verdict: 'inconclusive',
    reason: `inconclusive — the load generator lagged in ${lagged} and ${bound}: ${plain.reason}`,
    inconclusive: GENERATOR_LAGGED,
  };
}
