/**
 * Confidence intervals for one run's figures, from its exact HDR histograms. Percentiles get the
 * distribution-free rank interval of the binomial (order statistics); rates and shares the matching count
 * intervals. Neighbouring requests are not independent (a GC pause or a noisy neighbour slows a whole
 * second), so every variance is widened by a design effect measured on per-second blocks, and the critical
 * value comes from Student's t with one degree of freedom fewer than the number of seconds. One method for
 * every run length: a short run gets a wide interval, never a different test.
 */
import jStat from 'jstat';
import { countsAtOrBelow, valueAtRank } from '../load/histogram.js';
import type { Histogram } from '../load/histogram.js';

/** A figure of one run with its interval at the chosen confidence. */
export interface Estimate {
  value: number;
  /** Bounds of the interval; null when the run holds too few samples to bound that side. */
  low: number | null;
  high: number | null;
  /** Standard error of ln(value) ("log" scale) or of value ("linear"); Infinity when a bound is missing. */
  se: number;
  /** Degrees of freedom of `se` (Infinity when no per-second blocks were available). */
  df: number;
  scale: 'log' | 'linear';
}

/** How much neighbouring requests move together: variance ÷ the variance of independent requests. */
export interface Dependence {
  design_effect: number;
  df: number;
}

export const INDEPENDENT: Dependence = { design_effect: 1, df: Number.POSITIVE_INFINITY };

/** Two-sided critical value of Student's t (normal when df is infinite) at `confidence`. */
export function criticalValue(confidence: number, df: number): number {
  const p = 1 - (1 - confidence) / 2;
  if (!(df > 0)) return Number.POSITIVE_INFINITY;
  return Number.isFinite(df) && df < 1e6 ? jStat.studentt.inv(p, df) : jStat.normal.inv(p, 0, 1);
}

/** Cluster-robust variance of a total: k/(k−1) Σ residual², over per-block residuals. */
function blockVariance(residuals: readonly number[]): number {
  const k = residuals.length;
  if (k < 2) return Number.POSITIVE_INFINITY;
  return (k / (k - 1)) * residuals.reduce((s, r) => s + r * r, 0);
}

function dependenceOf(blockVar: number, independentVar: number, blocks: number): Dependence {
  if (blocks < 2 || !(independentVar > 0)) return { design_effect: 1, df: Math.max(blocks - 1, 0) };
  return { design_effect: Math.max(1, blockVar / independentVar), df: blocks - 1 };
}

/**
 * The dependence of the `q` quantile: per second, how many requests fell at or below the run's quantile,
 * against how many would if the seconds were interchangeable.
 */
export function quantileDependence(total: Histogram, seconds: readonly Histogram[], q: number): Dependence {
  const n = total.totalCount;
  const used = seconds.filter((s) => s.totalCount > 0);
  if (n === 0) return INDEPENDENT;
  const threshold = total.getValueAtPercentile(q * 100);
  const below = used.map((s) => countsAtOrBelow(s, [threshold])[0]!);
  const share = below.reduce((a, b) => a + b, 0) / n;
  const residuals = used.map((s, i) => below[i]! - s.totalCount * share);
  return dependenceOf(blockVariance(residuals), n * q * (1 - q), used.length);
}

/** Values at ranks nq − k and nq + k, or null where a rank falls outside the run. */
function rankBounds(h: Histogram, q: number, k: number): { low: number | null; high: number | null; span: number } {
  const n = h.totalCount;
  const lowRank = Math.floor(n * q - k);
  const highRank = Math.ceil(n * q + k);
  const ok = Number.isFinite(k);
  return {
    low: ok && lowRank >= 1 ? valueAtRank(h, lowRank) : null,
    high: ok && highRank <= n ? valueAtRank(h, highRank) : null,
    span: highRank - lowRank,
  };
}

/** Below this, the standard error of ln(quantile) is the histogram's own resolution (3 significant digits). */
const RESOLUTION = 5e-4;

/**
 * The `q` quantile (µs) with its rank interval: ranks nq ± t·s, s = √(n q (1−q) · design effect), read from
 * the histogram. The standard error of ln(quantile) comes from the ranks nq ± s (the order statistics one
 * standard deviation away), so a wide t never pushes it off the ends of a short run.
 */
export function quantileEstimate(h: Histogram, q: number, confidence: number, dep: Dependence): Estimate {
  const n = h.totalCount;
  const value = h.getValueAtPercentile(q * 100);
  const sd = Math.sqrt(n * q * (1 - q) * dep.design_effect);
  const { low, high } = rankBounds(h, q, criticalValue(confidence, dep.df) * sd);
  const one = rankBounds(h, q, Math.max(sd, 1));
  const se =
    one.low !== null && one.high !== null && one.low > 0 && dep.df > 0
      ? Math.max(RESOLUTION, (Math.log(one.high / one.low) * sd) / one.span)
      : Number.POSITIVE_INFINITY;
  return { value, low, high, se, df: dep.df, scale: 'log' };
}

/** Requests per second: the spread of the complete seconds' counts (an open-model schedule barely varies). */
export interface RateSpread {
  /** Standard error of ln(mean per-second count). */
  se: number;
  df: number;
}

export function rateSpread(perSecond: readonly number[]): RateSpread {
  const k = perSecond.length;
  if (k < 2) return { se: Number.POSITIVE_INFINITY, df: 0 };
  const mean = perSecond.reduce((a, b) => a + b, 0) / k;
  const variance = perSecond.reduce((s, c) => s + (c - mean) ** 2, 0) / (k - 1);
  // Counts are integers: a spread under one request a second is quantisation, not a measurement.
  return { se: Math.sqrt(Math.max(variance, 1) / k) / Math.max(mean, 0.5), df: k - 1 };
}

/**
 * A rate with its interval. A run that saw none at all (every request failed or timed out) still bounds the
 * rate it could have missed: the Poisson bound −ln(1 − c) ÷ seconds, whatever the spread of its seconds.
 */
export function rateEstimate(value: number, spread: RateSpread, confidence: number): Estimate {
  const t = criticalValue(confidence, spread.df);
  const seconds = spread.df + 1;
  if (value <= 0 && seconds >= 2)
    return { value: 0, low: 0, high: -Math.log(1 - confidence) / seconds, se: Infinity, df: spread.df, scale: 'log' };
  const bounded = Number.isFinite(spread.se) && value > 0;
  return {
    value,
    low: bounded ? value * Math.exp(-t * spread.se) : null,
    high: bounded ? value * Math.exp(t * spread.se) : null,
    se: bounded ? spread.se : Number.POSITIVE_INFINITY,
    df: spread.df,
    scale: 'log',
  };
}

export interface Counts {
  hits: number;
  total: number;
}

/** The dependence of a share (error rate) over per-second counts. */
export function shareDependence(perSecond: readonly Counts[]): Dependence {
  const used = perSecond.filter((s) => s.total > 0);
  const hits = used.reduce((a, s) => a + s.hits, 0);
  const total = used.reduce((a, s) => a + s.total, 0);
  if (total === 0) return INDEPENDENT;
  const p = hits / total;
  const residuals = used.map((s) => s.hits - s.total * p);
  return dependenceOf(blockVariance(residuals), total * p * (1 - p), used.length);
}

/**
 * A share with its interval. The variance uses the Agresti–Caffo adjusted share (one hit and one miss added),
 * so a run with no errors still says how large an error rate it could have missed.
 */
export function shareEstimate(counts: Counts, confidence: number, dep: Dependence): Estimate {
  const { hits, total } = counts;
  const value = total > 0 ? hits / total : 0;
  const adjusted = (hits + 1) / (total + 2);
  const se = Math.sqrt((adjusted * (1 - adjusted) * dep.design_effect) / (total + 2));
  const t = criticalValue(confidence, dep.df);
  const bounded = Number.isFinite(t * se);
  return {
    value,
    low: bounded ? Math.max(0, value - t * se) : null,
    high: bounded ? Math.min(1, value + t * se) : null,
    se: bounded ? se : Number.POSITIVE_INFINITY,
    df: dep.df,
    scale: 'linear',
  };
}

/** The interval of after − before: relative (log-scale figures) or absolute (shares). */
export interface ChangeInterval {
  scale: 'relative' | 'absolute';
  estimate: number;
  /** null: unbounded, the runs are too short to bound it. */
  low: number | null;
  high: number | null;
}

/** Welch–Satterthwaite degrees of freedom of a sum of two variances. */
function combinedDf(a: Estimate, b: Estimate): number {
  const va = a.se ** 2;
  const vb = b.se ** 2;
  const denominator = (va * va) / a.df + (vb * vb) / b.df;
  return denominator > 0 ? (va + vb) ** 2 / denominator : Number.POSITIVE_INFINITY;
}

/**
 * A log-scale side with bounds but no standard error (a rate of zero): the change's interval is the ratio of
 * the two runs' bounds, wider than the exact one, never narrower.
 */
function boundsRatio(before: Estimate, after: Estimate): ChangeInterval {
  const ratio = (a: number | null, b: number | null): number | null =>
    a === null || b === null || !(b > 0) ? null : a / b - 1;
  const floor = 1e-9;
  return {
    scale: 'relative',
    estimate: after.value / Math.max(before.value, floor) - 1,
    low: ratio(after.low, before.high),
    high: ratio(after.high, before.low),
  };
}

const bothBounded = (e: Estimate): boolean => e.low !== null && e.high !== null;

export function changeInterval(before: Estimate, after: Estimate, confidence: number): ChangeInterval {
  const relative = before.scale === 'log';
  const noSe = !Number.isFinite(before.se) || !Number.isFinite(after.se);
  if (relative && noSe && bothBounded(before) && bothBounded(after)) return boundsRatio(before, after);
  const floor = 1e-9;
  const estimate = relative
    ? Math.log(Math.max(after.value, floor) / Math.max(before.value, floor))
    : after.value - before.value;
  const se = Math.hypot(before.se, after.se);
  const half = Number.isFinite(se) ? criticalValue(confidence, combinedDf(before, after)) * se : Infinity;
  const bound = (x: number): number | null => (Number.isFinite(x) ? (relative ? Math.expm1(x) : x) : null);
  return {
    scale: relative ? 'relative' : 'absolute',
    estimate: relative ? Math.expm1(estimate) : estimate,
    low: bound(estimate - half),
    high: bound(estimate + half),
  };
}
