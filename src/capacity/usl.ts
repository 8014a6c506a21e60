/**
 * The Universal Scalability Law, X(N) = λN / (1 + σ(N − 1) + κN(N − 1)): σ is contention, κ coherency. Fitted
 * by least squares to (concurrency, throughput) points: a linearised fit (N/X is quadratic in N) and plain
 * seeds start Levenberg–Marquardt on X itself; the best fit wins. Pure.
 */
import { levenbergMarquardt } from 'ml-levenberg-marquardt';

export interface UslPoint {
  /** Concurrency N (Little's law). */
  n: number;
  /** Throughput X, req/s. */
  x: number;
}

export interface UslFit {
  lambda: number;
  sigma: number;
  kappa: number;
  /** The predicted peak throughput (at N* = √((1 − σ)/κ)); the asymptote λ/σ without coherency; null when linear. */
  peak_rate: number | null;
  /** Concurrency at the peak (null without coherency). */
  peak_concurrency: number | null;
  r2: number;
  points: number;
  /**
   * r² below MIN_R2, too few points, or σ/κ outside the law (negative: the points show no contention): say so
   * instead of printing it.
   */
  poor: boolean;
}

export const MIN_R2 = 0.9;
/** Three parameters: fewer distinct points cannot fit, exactly three leave no error to judge by. */
const MIN_POINTS = 3;

export function uslThroughput(n: number, p: Pick<UslFit, 'lambda' | 'sigma' | 'kappa'>): number {
  return (p.lambda * n) / (1 + p.sigma * (n - 1) + p.kappa * n * (n - 1));
}

export function fitUsl(input: readonly UslPoint[]): UslFit | null {
  const points = input.filter((p) => p.n > 0 && p.x > 0 && Number.isFinite(p.n) && Number.isFinite(p.x));
  if (new Set(points.map((p) => p.n)).size < MIN_POINTS) return null;
  const slope = Math.max(...points.map((p) => p.x / p.n));
  // Unbounded: a negative σ or κ is itself the answer (the points show no contention), judged in describe().
  const seeds = [linearisedFit(points), { lambda: slope, sigma: 0, kappa: 0 }];
  const fits = seeds.map((seed) => refine(points, seed));
  const best = fits.reduce((a, b) => (sse(points, b) < sse(points, a) ? b : a));
  return describe(best, points);
}

type Params = Pick<UslFit, 'lambda' | 'sigma' | 'kappa'>;

/**
 * Levenberg–Marquardt on X itself, in units scaled to the data (u = N/s, y = X/t; l = λs/t, k = κs²) so the
 * three parameters are of one size, with the analytic Jacobian.
 */
function refine(points: readonly UslPoint[], seed: Params): Params {
  const s = Math.max(...points.map((p) => p.n));
  const t = Math.max(...points.map((p) => p.x));
  const denominator = (sigma: number, k: number, u: number): number =>
    1 + sigma * (s * u - 1) + (k * u * (u * s - 1)) / s;
  const fitted = levenbergMarquardt(
    { x: points.map((p) => p.n / s), y: points.map((p) => p.x / t) },
    ([l, sigma, k]) =>
      (u) =>
        (l! * u) / denominator(sigma!, k!, u),
    {
      initialValues: [(seed.lambda * s) / t, seed.sigma, seed.kappa * s * s],
      damping: 1e-2,
      maxIterations: 300,
      errorTolerance: 1e-12,
      jacobianFunction:
        ([l, sigma, k]) =>
        (u) => {
          const d = denominator(sigma!, k!, u);
          return [u / d, (-l! * u * (s * u - 1)) / (d * d), (-l! * u * ((u * (u * s - 1)) / s)) / (d * d)];
        },
    },
  );
  const [l, sigma, k] = fitted.parameterValues as [number, number, number];
  return { lambda: (l * t) / s, sigma, kappa: k / (s * s) };
}

const sse = (points: readonly UslPoint[], p: Params): number =>
  points.reduce((sum, q) => sum + (q.x - uslThroughput(q.n, p)) ** 2, 0);

/** N/X = a + bN + cN², with a = (1 − σ)/λ, b = (σ − κ)/λ, c = κ/λ: ordinary least squares. */
export function linearisedFit(points: readonly UslPoint[]): Params {
  const [a, b, c] = quadraticLeastSquares(points.map((p) => [p.n, p.n / p.x] as const));
  const inv = a + b + c;
  const lambda = inv > 0 ? 1 / inv : Math.max(...points.map((p) => p.x / p.n));
  return { lambda, sigma: (b + c) * lambda, kappa: c * lambda };
}

function describe(p: Params, points: readonly UslPoint[]): UslFit {
  const mean = points.reduce((sum, q) => sum + q.x, 0) / points.length;
  const ssTot = points.reduce((sum, q) => sum + (q.x - mean) ** 2, 0);
  const ssRes = points.reduce((sum, q) => sum + (q.x - uslThroughput(q.n, p)) ** 2, 0);
  const r2 = ssTot > 0 ? 1 - ssRes / ssTot : 0;
  const physical = p.sigma >= 0 && p.sigma < 1 && p.kappa >= 0;
  const peakN = physical && p.kappa > 1e-12 ? Math.sqrt((1 - p.sigma) / p.kappa) : null;
  const peak = peakN !== null ? uslThroughput(peakN, p) : physical && p.sigma > 1e-6 ? p.lambda / p.sigma : null;
  const distinct = new Set(points.map((q) => q.n)).size;
  return {
    lambda: round(p.lambda),
    sigma: round(p.sigma),
    kappa: round(p.kappa),
    peak_rate: peak === null ? null : round(peak),
    peak_concurrency: peakN === null ? null : round(peakN),
    r2: round(r2),
    points: points.length,
    poor: r2 < MIN_R2 || distinct <= MIN_POINTS || !physical,
  };
}

/** Least squares of y = a + bx + cx² by the normal equations (3×3, Cramer's rule). */
function quadraticLeastSquares(xy: readonly (readonly [number, number])[]): [number, number, number] {
  const S = (k: number): number => xy.reduce((sum, [x]) => sum + x ** k, 0);
  const T = (k: number): number => xy.reduce((sum, [x, y]) => sum + y * x ** k, 0);
  const m = [
    [S(0), S(1), S(2)],
    [S(1), S(2), S(3)],
    [S(2), S(3), S(4)],
  ];
  const v = [T(0), T(1), T(2)];
  const d = det(m);
  if (Math.abs(d) < 1e-300) return [0, 0, 0];
  const solve = (col: number): number => det(m.map((row, i) => row.map((x, j) => (j === col ? v[i]! : x)))) / d;
  return [solve(0), solve(1), solve(2)];
}

const det = (m: number[][]): number =>
  m[0]![0]! * (m[1]![1]! * m[2]![2]! - m[1]![2]! * m[2]![1]!) -
  m[0]![1]! * (m[1]![0]! * m[2]![2]! - m[1]![2]! * m[2]![0]!) +
  m[0]![2]! * (m[1]![0]! * m[2]![1]! - m[1]![1]! * m[2]![0]!);

const round = (x: number): number => Number(x.toPrecision(6));
