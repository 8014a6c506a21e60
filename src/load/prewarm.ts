/**
 * What the load path runs for the first time is slow the first time: V8 interprets it until it is hot. Run it on
 * throwaway data before the first intended instant, so the schedule's first seconds do not pay for it.
 *
 * Measured (issue 21, a 3 s run at 1,000 req/s against a loopback server, timing marks): the event loop stalled
 * 15–18 ms at ~1.25 s after the start, every run — the first closed second's summary. Its percentiles and mean
 * (hdr-histogram-js scans the counts array for each) took 21–25 ms on first use and 0.2 ms once compiled.
 */
import { createHistogram, encodeHistogram, recordMs, summarizeHistogram } from './histogram.js';
import type { WireRequest } from './transport.js';
import { requestBytes } from './http1/serialize.js';

/** Rounds that get the summary path past V8's interpreter (each costs ~0.2 ms once compiled). */
const SUMMARY_ROUNDS = 32;

/** The closing of a second: summary and encoding of a histogram shaped like a second's latencies. */
export function prewarmSummaries(): void {
  const h = createHistogram();
  for (let i = 0; i < 2000; i++) recordMs(h, 0.2 + (i % 97) / 7);
  for (let i = 0; i < SUMMARY_ROUNDS; i++) summarizeHistogram(h);
  encodeHistogram(h);
}

/** Each request's bytes, built now instead of on its first send (cached per request). */
export function prewarmRequests(requests: readonly WireRequest[]): void {
  for (const request of requests) {
    try {
      requestBytes(request);
    } catch {
      // An invalid request fails on its send, where its outcome records why.
    }
  }
}
