/**
 * The traffic figures of one run as the comparison sees them: the whole run when both runs hit the same
 * endpoints, or only the shared endpoints (their histograms merged exactly) when the endpoint sets differ.
 */
import { mergeEncoded, summarizeHistogram } from '../load/histogram.js';
import type { RunResult } from '../result/run-result.js';

export interface PerSecond {
  p50: number[];
  p95: number[];
  p99: number[];
  rps: number[];
}

export interface TrafficView {
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  requests: number;
  errors: number;
  /**
   * Per-second samples for the noise test; null when the view covers only some endpoints (no per-endpoint
   * timeline).
   */
  per_second: PerSecond | null;
}

export function wholeRunTraffic(run: RunResult): TrafficView {
  const seconds = run.timeline.filter((row) => row.requests > 0);
  const { latency_ms: l, rps, requests, errors } = run.summary;
  return {
    p50: l.p50,
    p95: l.p95,
    p99: l.p99,
    rps,
    requests,
    errors,
    per_second: {
      p50: seconds.map((r) => r.p50),
      p95: seconds.map((r) => r.p95),
      p99: seconds.map((r) => r.p99),
      rps: run.timeline.map((r) => r.rps),
    },
  };
}

export function sharedEndpointTraffic(run: RunResult, names: readonly string[]): TrafficView {
  const endpoints = names.map((n) => run.endpoints[n]).filter((e) => e !== undefined);
  const latency = summarizeHistogram(mergeEncoded(endpoints.map((e) => e.histograms.latency)));
  return {
    p50: latency.p50,
    p95: latency.p95,
    p99: latency.p99,
    rps: endpoints.reduce((s, e) => s + e.summary.rps, 0),
    requests: endpoints.reduce((s, e) => s + e.summary.requests, 0),
    errors: endpoints.reduce((s, e) => s + e.summary.errors, 0),
    per_second: null,
  };
}
