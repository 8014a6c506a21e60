/**
 * The two significance tests the comparison uses: Mann-Whitney U on per-second samples (latency,
 * throughput) and a two-proportion z-test on counts (error rate, hit ratios). Both two-sided, normal
 * approximation: runs have tens to hundreds of seconds and thousands of requests.
 */

export interface TestResult {
  /** Two-sided p-value: the chance of a difference at least this large when both samples come from one distribution. */
  p: number;
  z: number;
}

export interface MannWhitneyResult extends TestResult {
  /** U of the first sample. */
  u: number;
  n_a: number;
  n_b: number;
}

/** Φ(x) via the Abramowitz–Stegun erf approximation (|error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

const twoSided = (z: number): number => Math.min(1, 2 * (1 - normalCdf(Math.abs(z))));

/** Ranks 1..n with ties sharing their average rank; also Σ(t³ − t) over tie groups for the variance correction. */
function rank(values: number[]): { ranks: number[]; tieTerm: number } {
  const order = values.map((v, i) => [v, i] as const).sort((x, y) => x[0] - y[0]);
  const ranks = new Array<number>(values.length);
  let tieTerm = 0;
  for (let start = 0; start < order.length; ) {
    let end = start;
    while (end + 1 < order.length && order[end + 1]![0] === order[start]![0]) end++;
    const shared = (start + end) / 2 + 1;
    for (let k = start; k <= end; k++) ranks[order[k]![1]] = shared;
    const t = end - start + 1;
    tieTerm += t * t * t - t;
    start = end + 1;
  }
  return { ranks, tieTerm };
}

/** Mann-Whitney U test (tie-corrected, with continuity correction). */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  const n1 = a.length;
  const n2 = b.length;
  const n = n1 + n2;
  if (n1 === 0 || n2 === 0) return { u: 0, z: 0, p: 1, n_a: n1, n_b: n2 };
  const { ranks, tieTerm } = rank([...a, ...b]);
  let r1 = 0;
  for (let i = 0; i < n1; i++) r1 += ranks[i]!;
  const u = r1 - (n1 * (n1 + 1)) / 2;
  const mean = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (variance <= 0) return { u, z: 0, p: 1, n_a: n1, n_b: n2 };
  const diff = u - mean;
  const z = (diff - Math.sign(diff) * 0.5) / Math.sqrt(variance);
  return { u, z, p: twoSided(z), n_a: n1, n_b: n2 };
}

/** Two-proportion z-test (pooled): did `x1 / n1` and `x2 / n2` come from one rate? */
export function twoProportionZ(x1: number, n1: number, x2: number, n2: number): TestResult {
  if (n1 <= 0 || n2 <= 0) return { z: 0, p: 1 };
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (se === 0) return { z: 0, p: 1 };
  const z = (x2 / n2 - x1 / n1) / se;
  return { z, p: twoSided(z) };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((x, y) => x - y);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
