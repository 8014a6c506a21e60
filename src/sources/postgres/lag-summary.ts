/**
 * Replica lag observed over a run: per replica and over all replicas. Each observation is one sample's reading
 * (seconds behind and bytes not yet replayed). The run-level p95 is over the worst replica of each sample.
 */
import { maxOf, percentile } from './percentile.js';

export interface LagObservation {
  /** Sample time (ms); observations of the same sample share it. */
  t: number;
  replica: string;
  lag_s?: number;
  /** The unreplayed change predates the run's first sample: the true lag is at least lag_s. */
  at_least?: boolean;
  lag_bytes?: number;
}

export interface LagSummary {
  max_s?: number;
  /** The max is a lower bound (see LagObservation.at_least). */
  max_at_least?: boolean;
  p95_s?: number;
  bytes_max?: number;
}

export function summarizeLag(observations: readonly LagObservation[]): LagSummary {
  const seconds = observations.flatMap((o) => (o.lag_s === undefined ? [] : [o.lag_s]));
  const worstPerSample = new Map<number, number>();
  for (const o of observations) {
    if (o.lag_s === undefined) continue;
    worstPerSample.set(o.t, Math.max(worstPerSample.get(o.t) ?? 0, o.lag_s));
  }
  const bytes = observations.flatMap((o) => (o.lag_bytes === undefined ? [] : [o.lag_bytes]));
  const max = maxOf(seconds);
  const atLeast = observations.some((o) => o.at_least && o.lag_s === max);
  return clean({
    max_s: max,
    max_at_least: atLeast || undefined,
    p95_s: percentile([...worstPerSample.values()], 95),
    bytes_max: maxOf(bytes),
  });
}

export function summarizeLagByReplica(observations: readonly LagObservation[]): Map<string, LagSummary> {
  const byReplica = new Map<string, LagObservation[]>();
  for (const o of observations) {
    const list = byReplica.get(o.replica) ?? [];
    list.push(o);
    byReplica.set(o.replica, list);
  }
  return new Map([...byReplica].map(([name, list]) => [name, summarizeLag(list)]));
}

function clean(summary: LagSummary): LagSummary {
  return Object.fromEntries(Object.entries(summary).filter(([, v]) => v !== undefined)) as LagSummary;
}
