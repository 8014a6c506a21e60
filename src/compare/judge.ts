/**
 * The noise-aware judgement of one figure: improved, regressed or unchanged. A change must be both
 * statistically significant (where the data allows a test) and large enough to matter; a difference
 * within run-to-run noise, or too small to act on, reads unchanged.
 */
import { mannWhitneyU, median, twoProportionZ } from './stats.js';
import { formatRelative } from '../util/format.js';

export type Verdict = 'improved' | 'regressed' | 'unchanged' | 'not-comparable';
export type Better = 'lower' | 'higher';
export type JudgementMethod = 'mann-whitney-u' | 'two-proportion-z' | 'threshold' | 'none';

export interface Judgement {
  verdict: Verdict;
  method: JudgementMethod;
  /** p-value of the significance test, when one was run. */
  p?: number;
  reason: string;
}

/** The smallest change worth reporting: both bounds must be reached. */
export interface EffectThreshold {
  min_relative: number;
  min_absolute: number;
}

export interface TestedThreshold extends EffectThreshold {
  /** Significance level of the test. */
  alpha: number;
}

export interface DistributionRule extends TestedThreshold {
  /** Below this many seconds per run the test has no power: judge on the effect size alone. */
  min_samples: number;
}

export interface Proportion {
  hits: number;
  total: number;
}

const pct = (x: number): string => formatRelative(x);
const fmtP = (p: number): string => (p < 0.001 ? 'p<0.001' : `p=${p.toFixed(3)}`);

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
  return (
    `change ${Number.isFinite(rel) ? pct(rel) : 'from 0'} is below the minimum effect ` +
    `(${t.min_relative ? `≥${(t.min_relative * 100).toFixed(0)}% and ` : ''}≥${t.min_absolute})`
  );
}

/** Effect size alone: for single-valued figures with no distribution to test. */
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
  const size = Number.isFinite(rel) ? pct(rel) : 'from 0';
  return {
    verdict: directionOf(after - before, better),
    method: 'threshold',
    reason: `change ${size} exceeds the minimum effect${suffix}`,
  };
}

/**
 * Run-level figures backed by per-second samples (latency percentiles, throughput): Mann-Whitney U on the
 * per-second values, then the effect size of the run-level figure, whose direction must agree with the
 * shift of the per-second medians.
 */
export function judgeDistribution(
  before: number,
  after: number,
  better: Better,
  samplesBefore: readonly number[],
  samplesAfter: readonly number[],
  rule: DistributionRule,
): Judgement {
  if (samplesBefore.length < rule.min_samples || samplesAfter.length < rule.min_samples) {
    return judgeThreshold(
      before,
      after,
      better,
      rule,
      `too few seconds for a noise test (${samplesBefore.length} and ${samplesAfter.length})`,
    );
  }
  const test = mannWhitneyU(samplesBefore, samplesAfter);
  const seconds = `${test.n_a} vs ${test.n_b} s`;
  if (test.p >= rule.alpha) {
    return {
      verdict: 'unchanged',
      method: 'mann-whitney-u',
      p: test.p,
      reason: `within run-to-run noise (Mann-Whitney U ${fmtP(test.p)}, ${seconds})`,
    };
  }
  if (!bigEnough(before, after, rule)) {
    return {
      verdict: 'unchanged',
      method: 'mann-whitney-u',
      p: test.p,
      reason: `significant (${fmtP(test.p)}) but ${belowEffect(before, after, rule)}`,
    };
  }
  const shift = median(samplesAfter) - median(samplesBefore);
  if (Math.sign(shift) !== Math.sign(after - before)) {
    return {
      verdict: 'unchanged',
      method: 'mann-whitney-u',
      p: test.p,
      reason: 'the per-second values and the run-level figure moved in opposite directions',
    };
  }
  return {
    verdict: directionOf(after - before, better),
    method: 'mann-whitney-u',
    p: test.p,
    reason:
      `per-second distributions differ (Mann-Whitney U ${fmtP(test.p)}, ${seconds}), change ` +
      `${pct(relativeChange(before, after))}`,
  };
}

/** Shares backed by counts (error rate, hit ratios): two-proportion z-test, then the absolute/relative effect. */
export function judgeProportion(
  before: Proportion,
  after: Proportion,
  better: Better,
  rule: TestedThreshold,
): Judgement {
  const rb = before.total > 0 ? before.hits / before.total : 0;
  const ra = after.total > 0 ? after.hits / after.total : 0;
  const test = twoProportionZ(before.hits, before.total, after.hits, after.total);
  const points = `${((ra - rb) * 100).toFixed(2)} pp`;
  if (test.p >= rule.alpha) {
    return {
      verdict: 'unchanged',
      method: 'two-proportion-z',
      p: test.p,
      reason: `within sampling noise (two-proportion z ${fmtP(test.p)}, ${points})`,
    };
  }
  if (!bigEnough(rb, ra, rule)) {
    return {
      verdict: 'unchanged',
      method: 'two-proportion-z',
      p: test.p,
      reason: `significant (${fmtP(test.p)}) but ${points} is below the minimum effect`,
    };
  }
  return {
    verdict: directionOf(ra - rb, better),
    method: 'two-proportion-z',
    p: test.p,
    reason: `${points} (two-proportion z ${fmtP(test.p)})`,
  };
}
