/** The interval estimates of traffic figures (latency percentiles, throughput, error rate) in the figures' units. */
import type { Histogram } from '../load/histogram.js';
import { INDEPENDENT, quantileEstimate, rateEstimate, shareEstimate } from './intervals.js';
import type { Counts, Estimate } from './intervals.js';
import type { RunBlocks } from './traffic.js';

export const QUANTILES = { p50: 0.5, p95: 0.95, p99: 0.99 } as const;
export type QuantileKey = keyof typeof QUANTILES;

/** A percentile in ms (the histogram holds µs), with the run's dependence at that quantile. */
export function latencyEstimate(h: Histogram, key: QuantileKey, blocks: RunBlocks, confidence: number): Estimate {
  const q = QUANTILES[key];
  const e = quantileEstimate(h, q, confidence, blocks.quantile(q));
  const ms = (x: number | null): number | null => (x === null ? null : x / 1000);
  return { ...e, value: e.value / 1000, low: ms(e.low), high: ms(e.high) };
}

/** Answered requests per second (successes and failures). */
export function throughputEstimate(rps: number, blocks: RunBlocks, confidence: number): Estimate {
  return rateEstimate(rps, blocks.rate, confidence);
}

/** Successful responses per second, on the spread of the successes alone. */
export function successEstimate(successRps: number, blocks: RunBlocks, confidence: number): Estimate {
  return rateEstimate(successRps, blocks.successRate, confidence);
}

/** `blocks` null: counts with no per-second series (cache, CDN, buffer hits), taken as independent. */
export function shareOf(counts: Counts, blocks: RunBlocks | null, confidence: number): Estimate {
  return shareEstimate(counts, confidence, blocks?.share ?? INDEPENDENT);
}
