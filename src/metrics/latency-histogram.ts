/**
 * A Prometheus histogram with fixed buckets, filled from the run's HDR histograms instead of one observe() per
 * request: each closed second's histogram is added once, so the hot path is untouched and the bucket counts are
 * exact to HDR precision (3 significant digits). prom-client has no way to add counts to buckets, so this
 * subclass serves its own bucket values to the registry.
 */
import { Histogram as PromHistogram, type OpenMetricsContentType, type Registry } from 'prom-client';
import { JsHistogram } from 'hdr-histogram-js';
import type { Histogram } from '../load/histogram.js';

/** Upper bounds in seconds: fine around common latency SLOs (100, 200, 300, 500 ms), coarse above 1 s. */
export const LATENCY_BUCKETS_S = [
  0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.75, 1, 1.5, 2, 3, 5, 10, 30,
  60,
] as const;

interface BucketValue {
  labels: { le?: string | number };
  /** prom-client's get() merges these into labels. */
  sharedLabels: Record<string, never>;
  value: number;
  metricName: string;
}

export class HdrLatencyHistogram extends PromHistogram {
  private readonly counts = LATENCY_BUCKETS_S.map(() => 0);
  private total = 0;
  private sumS = 0;

  constructor(
    private readonly metricName: string,
    private readonly helpText: string,
    registry: Registry<OpenMetricsContentType>,
  ) {
    super({ name: metricName, help: helpText, buckets: [...LATENCY_BUCKETS_S], registers: [registry] });
  }

  /** Adds every value of one HDR histogram (microseconds). */
  addHdr(h: Histogram): void {
    if (h.totalCount === 0) return;
    this.total += h.totalCount;
    this.sumS += (h.mean * h.totalCount) / 1e6;
    const perBucket = countPerBucket(h);
    perBucket.forEach((n, i) => {
      this.counts[i]! += n;
    });
  }

  get count(): number {
    return this.total;
  }

  /** What the registry reads (prom-client calls getForPromString for the exposition and through get()). */
  async getForPromString(): Promise<{
    name: string;
    help: string;
    type: string;
    aggregator: string;
    values: BucketValue[];
  }> {
    let cumulative = 0;
    const values: BucketValue[] = LATENCY_BUCKETS_S.map((le, i) => {
      cumulative += this.counts[i]!;
      return this.value({ le }, cumulative, '_bucket');
    });
    values.push(
      this.value({ le: '+Inf' }, this.total, '_bucket'),
      this.value({}, this.sumS, '_sum'),
      this.value({}, this.total, '_count'),
    );
    return { name: this.metricName, help: this.helpText, type: 'histogram', aggregator: 'sum', values };
  }

  private value(labels: BucketValue['labels'], value: number, suffix: string): BucketValue {
    return { labels, sharedLabels: {}, value, metricName: `${this.metricName}${suffix}` };
  }
}

/**
 * How many values fall in each bucket (not cumulative); values above the last bound are only in +Inf. Walks the
 * HDR counts array once: each slot's values are equivalent within HDR precision, so its lowest value decides.
 */
export function countPerBucket(h: Histogram): number[] {
  const out = LATENCY_BUCKETS_S.map(() => 0);
  if (!(h instanceof JsHistogram)) throw new Error('HDR histogram without a counts array');
  const boundsUs = LATENCY_BUCKETS_S.map((b) => b * 1e6);
  const last = h.countsArrayIndex(h.maxValue);
  let bucket = 0;
  for (let i = 0; i <= last; i++) {
    const n = h.getCountAtIndex(i);
    if (n === 0) continue;
    const value = h.valueFromIndex(i);
    while (bucket < boundsUs.length && value > boundsUs[bucket]!) bucket++;
    if (bucket < out.length) out[bucket]! += n;
  }
  return out;
}
