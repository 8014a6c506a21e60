/**
 * The traffic figures of one run as the comparison sees them: the whole run when both runs hit the same
 * endpoints, or only the shared endpoints (their histograms merged exactly) when the endpoint sets differ.
 * Either way the view carries the whole run's per-second blocks, which measure how much neighbouring
 * requests move together (endpoints have no per-second series of their own; they share the run's seconds).
 */
import { createHistogram, mergeEncoded, readHistogram, summarizeHistogram } from '../load/histogram.js';
import type { Histogram } from '../load/histogram.js';
import { successesIn } from '../result/run-result.js';
import type { RunResult } from '../result/run-result.js';
import { successRps } from '../audit/window.js';
import { quantileDependence, rateSpread, shareDependence } from './intervals.js';
import type { Dependence, RateSpread } from './intervals.js';

/** The per-second blocks of one run, and the dependence measured on them (memoised per quantile). */
export interface RunBlocks {
  /** The whole run's latency histogram. */
  total: Histogram;
  quantile(q: number): Dependence;
  /** Spread of the answered requests per second. */
  rate: RateSpread;
  /**
   * Spread of the successful responses per second. Failures never enter it, so timeouts that land in bursts
   * (all at once, a timeout after they were sent) do not widen the successful rate's interval.
   */
  successRate: RateSpread;
  share: Dependence;
}

export function runBlocks(run: RunResult): RunBlocks {
  const total = mergeEncoded([run.histograms.latency]);
  let seconds: Histogram[] | undefined;
  const memo = new Map<number, Dependence>();
  const complete = run.timeline.filter((row) => row.t + 1 <= run.duration_s);
  return {
    total,
    quantile(q) {
      seconds ??= run.timeline.map((row) => (row.histogram ? readHistogram(row.histogram) : createHistogram()));
      let dep = memo.get(q);
      if (!dep) memo.set(q, (dep = quantileDependence(total, seconds, q)));
      return dep;
    },
    rate: rateSpread(complete.map((row) => row.requests)),
    successRate: rateSpread(complete.map(successesIn)),
    share: shareDependence(run.timeline.map((row) => ({ hits: row.errors, total: row.requests }))),
  };
}

export interface TrafficView {
  p50: number;
  p95: number;
  p99: number;
  /** Answered requests per second (successes and failures). */
  rps: number;
  /** Successful responses per second. */
  success_rps: number;
  requests: number;
  errors: number;
  latency: Histogram;
  blocks: RunBlocks;
  /** False when the view covers only the endpoints both runs hit. */
  whole: boolean;
}

export function wholeRunTraffic(run: RunResult, blocks: RunBlocks = runBlocks(run)): TrafficView {
  const { latency_ms: l, rps, requests, errors } = run.summary;
  const latency = blocks.total;
  const success_rps = successRps(run.summary, run.duration_s);
  return { p50: l.p50, p95: l.p95, p99: l.p99, rps, success_rps, requests, errors, latency, blocks, whole: true };
}

export function sharedEndpointTraffic(
  run: RunResult,
  names: readonly string[],
  blocks: RunBlocks = runBlocks(run),
): TrafficView {
  const endpoints = names.map((n) => run.endpoints[n]).filter((e) => e !== undefined);
  const latency = mergeEncoded(endpoints.map((e) => e.histograms.latency));
  const summary = summarizeHistogram(latency);
  return {
    p50: summary.p50,
    p95: summary.p95,
    p99: summary.p99,
    rps: endpoints.reduce((s, e) => s + e.summary.rps, 0),
    success_rps: endpoints.reduce((s, e) => s + successRps(e.summary, run.duration_s), 0),
    requests: endpoints.reduce((s, e) => s + e.summary.requests, 0),
    errors: endpoints.reduce((s, e) => s + e.summary.errors, 0),
    latency,
    blocks,
    whole: false,
  };
}
