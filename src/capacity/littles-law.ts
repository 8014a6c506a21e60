/**
 * Little's law, L = λ·W: the requests in service at once, from the throughput and the mean time each spent in
 * the stack. At the knee of a Django app on sync workers it reads as the workers that were really busy. Pure.
 */
export function concurrencyOf(throughputRps: number, meanServiceMs: number): number {
  return Number(((throughputRps * meanServiceMs) / 1000).toFixed(2));
}
