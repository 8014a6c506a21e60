/**
 * The run-level figures a comparison judges, where each comes from, and the smallest change that counts
 * for it. Thresholds live here, next to the figure they judge.
 */
import type { RunResult } from '../result/run-result.js';
import { judgeEstimates, judgeThreshold, laggedRuns } from './judge.js';
import type { EffectThreshold, Judgement } from './judge.js';
import { judgeBeyondGenerator } from './judge-lagged.js';
import { latencyAllowance, rateAllowances } from './generator-allowance.js';
import { latencyEstimate, shareOf, successEstimate, throughputEstimate } from './estimates.js';
import type { QuantileKey } from './estimates.js';
import type { Counts, Estimate } from './intervals.js';
import type { RunBlocks, TrafficView } from './traffic.js';
import type { Better, FigureMeta } from './types.js';

export interface FigureContext {
  runs: { before: RunResult; after: RunResult };
  traffic: { before: TrafficView; after: TrafficView };
  /** Confidence of every interval, e.g. 0.99. */
  confidence: number;
}

export interface FigureSpec extends FigureMeta {
  value(run: RunResult, traffic: TrafficView): number | undefined;
  judge(before: number, after: number, ctx: FigureContext): Judgement;
  /** Why this figure cannot be compared between these two runs, if it cannot. */
  incomparable?(ctx: FigureContext): string | undefined;
}

/** Latency percentiles: a change of at least 10 % and 1 ms, real at the chosen confidence. */
export const LATENCY_RULE: EffectThreshold = { min_relative: 0.1, min_absolute: 1 };
/** The tail is noisier: it has to move further before it counts. */
export const TAIL_RULE: EffectThreshold = { min_relative: 0.15, min_absolute: 2 };
export const THROUGHPUT_RULE: EffectThreshold = { min_relative: 0.05, min_absolute: 0.5 };
export const ERROR_RATE_RULE: EffectThreshold = { min_relative: 0.25, min_absolute: 0.001 };
export const HIT_RATIO_RULE: EffectThreshold = { min_relative: 0, min_absolute: 0.01 };
export const BUFFER_HIT_RULE: EffectThreshold = { min_relative: 0, min_absolute: 0.002 };
const QUERIES_RULE: EffectThreshold = { min_relative: 0.05, min_absolute: 0.5 };
const BLOCKS_RULE: EffectThreshold = { min_relative: 0.2, min_absolute: 1 };
const LAG_RULE: EffectThreshold = { min_relative: 0.25, min_absolute: 0.1 };
const DEPTH_RULE: EffectThreshold = { min_relative: 0.25, min_absolute: 5 };
const BYTES_RULE: EffectThreshold = { min_relative: 0.1, min_absolute: 1024 };
export const SCORE_RULE: EffectThreshold = { min_relative: 0, min_absolute: 1 };
const CAPACITY_RULE: EffectThreshold = { min_relative: 0.05, min_absolute: 1 };
const precisions = (runs: FigureContext['runs']): number[] =>
  [runs.before, runs.after].flatMap((r) => (r.capacity ? [r.capacity.search.precision] : []));

function latency(key: QuantileKey, rule: EffectThreshold, gate: boolean): FigureSpec {
  return {
    id: `latency.${key}`,
    label: `Latency ${key}`,
    group: 'latency',
    unit: 'ms',
    better: 'lower',
    gate,
    value: (_run, t) => t[key],
    judge: (_b, _a, { runs, traffic, confidence }) =>
      judgeBeyondGenerator(
        {
          before: latencyEstimate(traffic.before.latency, key, traffic.before.blocks, confidence),
          after: latencyEstimate(traffic.after.latency, key, traffic.after.blocks, confidence),
          better: 'lower',
          rule,
          confidence,
          method: 'quantile-interval',
        },
        latencyAllowance(runs, key),
        laggedRuns(runs.before, runs.after),
      ),
  };
}

/** A rate of the traffic (req/s), judged on its per-second spread, beyond what a lagging generator explains. */
function rateFigure(
  id: string,
  label: string,
  gate: boolean,
  of: (t: TrafficView) => number,
  estimate: (rps: number, blocks: RunBlocks, confidence: number) => Estimate,
): FigureSpec {
  return {
    id,
    label,
    group: 'throughput',
    unit: 'req/s',
    better: 'higher',
    gate,
    value: (_run, t) => of(t),
    judge: (b, a, { runs, traffic, confidence }) =>
      judgeBeyondGenerator(
        {
          before: estimate(b, traffic.before.blocks, confidence),
          after: estimate(a, traffic.after.blocks, confidence),
          better: 'higher',
          rule: THROUGHPUT_RULE,
          confidence,
          method: 'rate-interval',
        },
        rateAllowances(runs),
        laggedRuns(runs.before, runs.after),
      ),
    incomparable: throughputIncomparable,
  };
}

/**
 * Open-model runs at different target rates measure the schedule, not the server; a different endpoint mix
 * shifts each endpoint's share.
 */
function throughputIncomparable({ runs, traffic }: FigureContext): string | undefined {
  const { before, after } = runs;
  if (!traffic.before.whole)
    return 'the endpoint mix differs, so the shared endpoints get a different share of the load';
  if (before.plan.model !== after.plan.model)
    return `the runs use different load models (${before.plan.model} vs ${after.plan.model})`;
  const rb = before.summary.target_rps;
  const ra = after.summary.target_rps;
  if (
    before.plan.model === 'open' &&
    rb !== undefined &&
    ra !== undefined &&
    Math.abs(ra - rb) > 0.01 * Math.max(rb, ra)
  ) {
    return `the open-model target rates differ (${rb} vs ${ra} req/s)`;
  }
  return undefined;
}

/** Shares from source counters (no per-second series): binomial intervals; effect size alone without counts. */
const shareOrThreshold =
  (rule: EffectThreshold, better: Better, counts: (run: RunResult) => Counts | undefined): FigureSpec['judge'] =>
  (b, a, { runs, confidence }) => {
    const cb = counts(runs.before);
    const ca = counts(runs.after);
    return cb && ca && cb.total > 0 && ca.total > 0
      ? judgeEstimates({
          before: shareOf(cb, null, confidence),
          after: shareOf(ca, null, confidence),
          better,
          rule,
          confidence,
          method: 'share-interval',
        })
      : judgeThreshold(b, a, better, rule, 'no counts behind the ratio');
  };

const threshold =
  (rule: EffectThreshold, better: Better): FigureSpec['judge'] =>
  (b, a) =>
    judgeThreshold(b, a, better, rule);

/** blks_read grows with the number of requests: judge it per 1,000 requests of each whole run. */
const judgeBlocks: FigureSpec['judge'] = (b, a, { runs }) => {
  const nb = runs.before.summary.requests;
  const na = runs.after.summary.requests;
  if (nb <= 0 || na <= 0) return judgeThreshold(b, a, 'lower', BLOCKS_RULE);
  const per1k = (x: number, n: number): number => (x / n) * 1000;
  return judgeThreshold(
    per1k(b, nb),
    per1k(a, na),
    'lower',
    BLOCKS_RULE,
    `per 1,000 requests: ${per1k(b, nb).toFixed(1)} → ${per1k(a, na).toFixed(1)}`,
  );
};

export const RUN_FIGURES: readonly FigureSpec[] = [
  latency('p50', LATENCY_RULE, false),
  latency('p95', LATENCY_RULE, true),
  latency('p99', TAIL_RULE, true),
  rateFigure('success_rps', 'Successful throughput', true, (t) => t.success_rps, successEstimate),
  // Context beside the successful rate: failures and timeouts count here too.
  rateFigure('rps', 'Answered throughput', false, (t) => t.rps, throughputEstimate),
  {
    id: 'error_rate',
    label: 'Error rate',
    group: 'errors',
    unit: 'ratio',
    better: 'lower',
    gate: true,
    value: (_run, t) => (t.requests > 0 ? t.errors / t.requests : undefined),
    judge: (_b, _a, { traffic, confidence }) =>
      judgeEstimates({
        before: shareOf(
          { hits: traffic.before.errors, total: traffic.before.requests },
          traffic.before.blocks,
          confidence,
        ),
        after: shareOf({ hits: traffic.after.errors, total: traffic.after.requests }, traffic.after.blocks, confidence),
        better: 'lower',
        rule: ERROR_RATE_RULE,
        confidence,
        method: 'share-interval',
      }),
  },
  {
    id: 'db.queries_per_request',
    label: 'Queries per request',
    group: 'database',
    unit: 'queries',
    better: 'lower',
    gate: false,
    value: (run) => run.evidence.db?.queries_per_request,
    judge: threshold(QUERIES_RULE, 'lower'),
  },
  {
    id: 'db.blks_read',
    label: 'DB buffer reads (blks_read)',
    group: 'database',
    unit: 'blocks',
    better: 'lower',
    gate: false,
    value: (run) => run.evidence.db?.blks_read,
    judge: judgeBlocks,
  },
  {
    id: 'db.buffer_hit_ratio',
    label: 'DB buffer hit ratio',
    group: 'database',
    unit: 'ratio',
    better: 'higher',
    gate: false,
    value: (run) => run.evidence.db?.buffer_hit_ratio,
    judge: shareOrThreshold(BUFFER_HIT_RULE, 'higher', (run) => {
      const db = run.evidence.db;
      return db?.blks_hit !== undefined && db.blks_read !== undefined
        ? { hits: db.blks_hit, total: db.blks_hit + db.blks_read }
        : undefined;
    }),
  },
  {
    id: 'db.replica_lag_max_s',
    label: 'Replica lag (max)',
    group: 'database',
    unit: 's',
    better: 'lower',
    gate: false,
    value: (run) => run.evidence.db?.replica_lag_max_s,
    judge: threshold(LAG_RULE, 'lower'),
  },
  {
    id: 'cache.hit_ratio',
    label: 'Redis hit ratio',
    group: 'cache',
    unit: 'ratio',
    better: 'higher',
    gate: false,
    value: (run) => run.evidence.cache?.hit_ratio,
    judge: shareOrThreshold(HIT_RATIO_RULE, 'higher', (run) => {
      const c = run.evidence.cache;
      return c?.hits !== undefined && c.misses !== undefined ? { hits: c.hits, total: c.hits + c.misses } : undefined;
    }),
  },
  {
    id: 'edge.offload_ratio',
    label: 'CDN offload',
    group: 'edge',
    unit: 'ratio',
    better: 'higher',
    gate: false,
    value: (run) => run.evidence.edge?.offload_ratio,
    judge: shareOrThreshold(HIT_RATIO_RULE, 'higher', (run) => {
      const e = run.evidence.edge;
      return e ? { hits: e.hits, total: e.responses } : undefined;
    }),
  },
  {
    id: 'edge.bytes_from_cache',
    label: 'Bytes offloaded to the CDN',
    group: 'edge',
    unit: 'bytes',
    better: 'higher',
    gate: false,
    value: (run) => run.evidence.edge?.bytes_from_cache,
    judge: threshold(BYTES_RULE, 'higher'),
  },
  {
    id: 'capacity.max_rate',
    label: 'Max sustainable rate (capacity)',
    group: 'throughput',
    unit: 'req/s',
    better: 'higher',
    gate: true,
    value: (run) => run.capacity?.max_rate ?? undefined,
    // A change inside the searches' own precision is the bisection's resolution, not the service.
    judge: (b, a, { runs }) => {
      const min_relative = Math.max(CAPACITY_RULE.min_relative, ...precisions(runs));
      const note = `the searches bracket to ${Number((min_relative * 100).toFixed(1))}%`;
      return judgeThreshold(b, a, 'higher', { min_relative, min_absolute: CAPACITY_RULE.min_absolute }, note);
    },
  },
  {
    id: 'queues.depth_max',
    label: 'Max queue depth',
    group: 'queues',
    unit: 'messages',
    better: 'lower',
    gate: false,
    value: (run) => run.evidence.queues?.depth_max,
    judge: threshold(DEPTH_RULE, 'lower'),
  },
];
