/**
 * What saturated first: at the knee (the lowest failing step), the signals that crossed their threshold or
 * changed slope against the passing steps, most moved first. When no data-tier signal moved, the web tier
 * (the app-server workers) is the limit. Pure.
 */
import type { SignalName, StepSignals } from './step-signals.js';
import { queueGrowthLimit } from './judge-step.js';

export interface RankedStep {
  rate: number;
  passed: boolean;
  signals: StepSignals;
}

export interface LimitingSignal {
  signal: string;
  tier: 'data' | 'web' | 'generator';
  detail: string;
  /** The signal at the knee and the most it read on a passing step. */
  value?: number;
  passing_max?: number;
}

interface Rule {
  tier: LimitingSignal['tier'];
  /** Crossing it at the knee (after staying under on every passing step) is saturation. */
  threshold?: (kneeRate: number) => number;
  /** Below this the signal is noise: the slope change is measured against max(expected, floor). */
  floor: number;
  /** 'rate': a count that grows with the load (expected at the knee ∝ rate); 'flat': a per-request figure. */
  grows: 'rate' | 'flat';
  detail: (value: number, passingMax: number | undefined) => string;
}

const was = (p: number | undefined, show: (x: number) => string): string =>
  p === undefined ? '' : ` (at most ${show(p)} while passing)`;
const pct = (x: number): string => `${Number((x * 100).toFixed(1))}%`;
const num = (x: number): string => String(Number(x.toFixed(2)));

const RULES: Record<SignalName, Rule> = {
  'pgbouncer.cl_waiting': {
    grows: 'rate',
    tier: 'data',
    threshold: () => 1,
    floor: 1,
    detail: (v, p) => `pgbouncer: ${num(v)} clients waiting for a server connection${was(p, num)}: the pool is full`,
  },
  'postgres.connections': {
    grows: 'rate',
    tier: 'data',
    threshold: () => 0.9,
    floor: 0.05,
    detail: (v, p) => `Postgres connections at ${pct(v)} of max_connections${was(p, pct)}`,
  },
  'postgres.db_ms_per_request': {
    grows: 'flat',
    tier: 'data',
    floor: 1,
    detail: (v, p) => `DB time per request ${num(v)} ms${was(p, (x) => `${num(x)} ms`)}: the database slows down`,
  },
  'replica.lag_s': {
    grows: 'rate',
    tier: 'data',
    threshold: () => 1,
    floor: 0.5,
    detail: (v, p) => `replica lag grew to ${num(v)} s${was(p, (x) => `${num(x)} s`)}`,
  },
  'queue.slope': {
    grows: 'rate',
    tier: 'data',
    threshold: queueGrowthLimit,
    floor: 1,
    detail: (v, p) => `queue grows ${num(v)} msg/s${was(p, (x) => `${num(x)} msg/s`)}: the consumers fall behind`,
  },
  'redis.evictions': {
    grows: 'rate',
    tier: 'data',
    threshold: () => 1,
    floor: 1,
    detail: (v, p) => `Redis evicted ${num(v)} keys${was(p, num)}: maxmemory is reached`,
  },
  'web.shedding': {
    grows: 'flat',
    tier: 'web',
    threshold: () => 0.01,
    floor: 0.005,
    detail: (v) => `${pct(v)} of requests shed with 429/503 (fast rejections)`,
  },
  'web.timeouts': {
    grows: 'flat',
    tier: 'web',
    threshold: () => 0.01,
    floor: 0.005,
    detail: (v) => `${pct(v)} of requests timed out or were reset (no back-pressure)`,
  },
  'web.queueing': {
    grows: 'flat',
    tier: 'web',
    // The web.queueing rule's default: a tenth of the default p95 budget (300 ms).
    threshold: () => 30,
    floor: 5,
    detail: (v, p) =>
      `requests waited ${num(v)} ms (p95) before the view ran${was(p, (x) => `${num(x)} ms`)}: the app ` +
      "server's workers were all busy (gunicorn --workers/--threads, or scale out)",
  },
  'generator.cpu': {
    grows: 'rate',
    tier: 'generator',
    threshold: () => 0.9,
    floor: 0.2,
    detail: (v) => `the load generator used ${pct(v)} of a core`,
  },
};

/**
 * Ranks the signals that moved at the failing steps from the knee (the lowest failing rate, `kneeRate`) up,
 * each against the passing steps below it; a signal counts at the failing step where it moved most.
 */
export function rankSaturation(steps: readonly RankedStep[], kneeRate: number, concurrency?: number): LimitingSignal[] {
  const failing = steps.filter((s) => !s.passed && s.rate >= kneeRate);
  if (!failing.length) return [];
  const moved = (Object.keys(RULES) as SignalName[])
    .flatMap((name) => {
      const at = failing.flatMap((knee) => {
        const passing = steps.filter((s) => s.passed && s.rate < knee.rate).sort((a, b) => a.rate - b.rate);
        return movement(name, RULES[name], knee, passing) ?? [];
      });
      return at.length ? [at.reduce((a, b) => (b.severity > a.severity ? b : a))] : [];
    })
    .sort((a, b) => b.severity - a.severity);
  const data = moved.filter((m) => m.limit.tier === 'data').map((m) => m.limit);
  const rest = moved.filter((m) => m.limit.tier !== 'data').map((m) => m.limit);
  if (data.length) return [...data, ...rest];
  // The app's own figures name the web tier's limit directly: requests waiting for a worker.
  return rest.some((m) => m.signal === 'web.queueing') ? rest : [webTier(concurrency), ...rest];
}

interface Movement {
  limit: LimitingSignal;
  severity: number;
}

function movement(
  name: SignalName,
  rule: Rule,
  knee: RankedStep,
  passing: readonly RankedStep[],
): Movement | undefined {
  const value = knee.signals[name];
  if (value === undefined) return undefined;
  const points = passing.flatMap((s) => (s.signals[name] === undefined ? [] : [{ r: s.rate, v: s.signals[name]! }]));
  const passingMax = points.length ? Math.max(...points.map((p) => p.v)) : undefined;
  const threshold = rule.threshold?.(knee.rate);
  const crossed = threshold !== undefined && value >= threshold && (passingMax ?? 0) < threshold;
  const base = Math.max(expected(points, knee.rate, rule.grows) ?? 0, rule.floor);
  const jumped = points.length > 0 && value > 2 * base;
  if (!crossed && !jumped) return undefined;
  const severity = crossed ? value / threshold! : value / base;
  return {
    severity,
    limit: {
      signal: name,
      tier: rule.tier,
      detail: `${rule.detail(value, passingMax)} at ${knee.rate} req/s`,
      value,
      ...(passingMax !== undefined ? { passing_max: passingMax } : {}),
    },
  };
}

/**
 * What the passing steps lead one to expect at the knee's rate: their most, scaled with the rate for a count
 * that grows with the load (a queue of waiting clients), as it is for a per-request figure.
 */
function expected(points: readonly { r: number; v: number }[], rate: number, grows: Rule['grows']): number | undefined {
  if (!points.length) return undefined;
  return Math.max(...points.map((p) => (grows === 'rate' && p.r > 0 ? (p.v * rate) / p.r : p.v)));
}

function webTier(concurrency: number | undefined): LimitingSignal {
  const busy =
    concurrency !== undefined ? `; about ${Number(concurrency.toFixed(1))} requests were in service at the knee` : '';
  return {
    signal: 'web tier',
    tier: 'web',
    detail: `no data-tier signal moved: the web tier (app-server workers) is the limit${busy}`,
  };
}
