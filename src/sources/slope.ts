/** A point of a numeric series: seconds and a value. */
export interface TimedValue {
  t: number;
  v: number;
}

/**
 * Least-squares slope of v over t (units of v per second). Undefined with fewer than two distinct times,
 * because a single instant has no trend.
 */
export function leastSquaresSlope(points: readonly TimedValue[]): number | undefined {
  const n = points.length;
  if (n < 2) return undefined;
  const meanT = points.reduce((s, p) => s + p.t, 0) / n;
  const meanV = points.reduce((s, p) => s + p.v, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const p of points) {
    sxx += (p.t - meanT) ** 2;
    sxy += (p.t - meanT) * (p.v - meanV);
  }
  return sxx === 0 ? undefined : sxy / sxx;
}
