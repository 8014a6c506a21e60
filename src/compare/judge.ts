/**
 * The judgement of one figure. A figure is regressed or improved only when its change is larger than the
 * minimum effect and the interval of the change excludes zero at the chosen confidence. Otherwise it is
 * unchanged, or inconclusive when the interval is wider than the minimum effect: the runs are too short to
 * tell a change of that size either way.
 */
import { formatDelta, formatPercent, formatRelative } from '../util/format.js';
import { changeInterval } from './intervals.js';
import type { ChangeInterval, Estimate } from './intervals.js';

export type Verdict = 'improved' | 'regressed' | 'unchanged' | 'inconclusive' | 'not-comparable';
export type Better = 'lower' | 'higher';
export type JudgementMethod = 'quantile-interval' | 'rate-interval' | 'share-interval' | 'threshold' | 'none';

/** The intervals behind a verdict: each run's figure and the change between them. */
export interface FigureInterval {
  confidence: number;
  before: { low: number | null; high: number | null };
  after: { low: number | null; high: number | null };
  change: ChangeInterval;
}

/** Why a figure could not be judged, in words a user can act on: the cause and how to fix it. */
export interface Inconclusive {
  cause: 'generator-lagged' | 'too-short';
  fix: string;
}

export const TOO_SHORT: Inconclusive = { cause: 'too-short', fix: 'rerun with a longer --duration' };
export const GENERATOR_LAGGED: Inconclusive = {
  cause: 'generator-lagged',
  fix: 'rerun with fewer req/s per worker (more --workers) or on a quieter machine, or with a longer --duration',
};

export interface Judgement {
  verdict: Verdict;
  method: JudgementMethod;
  reason: string;
  interval?: FigureInterval;
  /** Set when the verdict is inconclusive. */
  inconclusive?: Inconclusive;
}

/** The smallest change worth reporting: both bounds must be reached. */
export interface EffectThreshold {
  min_relative: number;
  min_absolute: number;
}

export const DEFAULT_CONFIDENCE = 0.99;

export function relativeChange(before: number, after: number): number {
  if (before === 0) return after === 0 ? 0 : Math.sign(after) * Infinity;
  return (after - before) / Math.abs(before);
}

function directionOf(delta: number, better: Better): Verdict {
  if (delta === 0) return 'unchanged';
  return delta < 0 === (better === 'lower') ? 'improved' : 'regressed';
}

function bigEnough(before: number, after: number, t: EffectThreshold): boolean {
  const delta = after - before;
  return Math.abs(delta) >= t.min_absolute && Math.abs(relativeChange(before, after)) >= t.min_relative;
}

function belowEffect(before: number, after: number, t: EffectThreshold): string {
  const rel = relativeChange(before, after);
  const relPart = t.min_relative ? `≥${(t.min_relative * 100).toFixed(0)}% and ` : '';
  const size = Number.isFinite(rel) ? formatRelative(rel) : 'from 0';
  return `change ${size} is below the minimum effect (${relPart}≥${t.min_absolute})`;
}

/** Effect size alone: for single-valued figures with no distribution behind them (queries, scores, depths). */
export function judgeThreshold(
  before: number,
  after: number,
  better: Better,
  t: EffectThreshold,
  note = '',
): Judgement {
  const suffix = note ? `; ${note}` : '';
  if (!bigEnough(before, after, t))
    return { verdict: 'unchanged', method: 'threshold', reason: belowEffect(before, after, t) + suffix };
  const rel = relativeChange(before, after);
  const size = Number.isFinite(rel) ? formatRelative(rel) : 'from 0';
  return {
    verdict: directionOf(after - before, better),
    method: 'threshold',
    reason: `change ${size} exceeds the minimum effect${suffix}`,
  };
}

/** The smallest change that counts, on the interval's scale (relative, or absolute for shares). */
function minimumChange(before: number, rule: EffectThreshold, scale: ChangeInterval['scale']): number {
  if (scale === 'absolute') return Math.max(rule.min_absolute, rule.min_relative * Math.abs(before));
  return before === 0 ? Infinity : Math.max(rule.min_relative, rule.min_absolute / Math.abs(before));
}

const signed = (x: number, scale: ChangeInterval['scale']): string =>
  scale === 'relative' ? formatRelative(x) || '±0%' : formatDelta(x, 'ratio');

const size = (x: number, scale: ChangeInterval['scale']): string =>
  scale === 'relative' ? formatPercent(x) : formatDelta(x, 'ratio').slice(1);

function describeInterval(change: ChangeInterval, confidence: number): string {
  const level = `${formatPercent(confidence)} CI`;
  if (change.low === null || change.high === null) return `${level} unbounded: too few samples`;
  return `${level} ${signed(change.low, change.scale)} to ${signed(change.high, change.scale)}`;
}

export interface IntervalJudgeInput {
  before: Estimate;
  after: Estimate;
  better: Better;
  rule: EffectThreshold;
  confidence: number;
  method: JudgementMethod;
}

/** Judges a figure from the two runs' estimates: see the file comment for the rule. */
export function judgeEstimates(input: IntervalJudgeInput): Judgement {
  const { before, after, better, rule, confidence, method } = input;
  const change = changeInterval(before, after, confidence);
  const interval: FigureInterval = {
    confidence,
    before: { low: before.low, high: before.high },
    after: { low: after.low, high: after.high },
    change,
  };
  const bounded = change.low !== null && change.high !== null;
  const real = bounded && (change.low! > 0 || change.high! < 0);
  const minimum = minimumChange(before.value, rule, change.scale);
  const halfWidth = bounded ? (change.high! - change.low!) / 2 : Infinity;
  const shift = `${signed(change.estimate, change.scale)} (${describeInterval(change, confidence)})`;
  const judged = (verdict: Verdict, reason: string): Judgement => ({ verdict, method, reason, interval });
  if (real && bigEnough(before.value, after.value, rule))
    return judged(
      directionOf(after.value - before.value, better),
      `${shift}, beyond the minimum effect of ${size(minimum, change.scale)}`,
    );
  if (halfWidth > minimum)
    return {
      ...judged(
        'inconclusive',
        `inconclusive — runs too short to tell a change of ${size(minimum, change.scale)}: ${shift}`,
      ),
      inconclusive: TOO_SHORT,
    };
  if (real) return judged('unchanged', `real but small: ${shift}, below the minimum effect`);
  return judged('unchanged', `no real change: ${shift}`);
}

/** Which run's load generator could not keep its schedule ("before", "after", "both"), or null. */
export function laggedRuns(
  before: { generator: { lagged: boolean } },
  after: { generator: { lagged: boolean } },
): string | null {
  if (before.generator.lagged && after.generator.lagged) return 'both runs';
  if (before.generator.lagged) return 'the before run';
  return after.generator.lagged ? 'the after run' : null;
}

/**
 * A generator that lagged measured itself as well as the target (latency from the intended send time, the rate
 * it managed): a change it saw is not laid on the target. Unchanged stays unchanged.
 */
export function withGeneratorCaveat(j: Judgement, lagged: string | null): Judgement {
  if (lagged === null || (j.verdict !== 'regressed' && j.verdict !== 'improved')) return j;
  return {
    ...j,
    verdict: 'inconclusive',
    reason: `inconclusive — the load generator lagged in ${lagged}, so the change may be its own: ${j.reason}`,
    inconclusive: GENERATOR_LAGGED,
  };
}
