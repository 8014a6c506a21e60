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
  lag_bytes?: number;
}

export interface LagSummary {
  max_s?: number;
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
  return clean({
    max_s: maxOf(seconds),
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
