/**
 * The Source contract (docs/architecture.md). A source samples one system on an interval while the load runs.
 * It never throws into the run: the sampler records a failed sample as a gap with its reason.
 */
import type { Evidence } from '../result/evidence.js';

export interface Sample {
  /** Flat numeric values of this sample: counters (cumulative) or gauges. */
  values: Record<string, number>;
}

export interface FinishContext {
  /** Requests completed in the measured window of the run. */
  requests: number;
  /** Seconds since load start at which the load stopped (draining samples come after). */
  load_end_t: number;
}

export interface SourceSummary {
  deltas: Record<string, unknown>;
  evidence: Evidence;
}

export interface Source {
  readonly id: string;
  readonly kind: string;
  /** A required source unreachable at start stops the run with exit 3. */
  readonly required: boolean;
  /** Redacted: host, database, what is sampled. */
  describe(): string;
  /** Connect and check access; throw an Error whose message says why (auth, refused, missing extension). */
  open(): Promise<void>;
  /** Called once when measured load starts (after warmup), to take the baseline of counters. */
  start(): Promise<void>;
  sample(now: number): Promise<Sample>;
  /**
   * Queue sources only: true when the latest sample shows the depth back at its value when the load started.
   * The sampler keeps sampling after the load until every source that has this method says true (or a timeout).
   */
  drained?(): boolean;
  /** Run-level deltas and this source's share of the Evidence. */
  finish(ctx: FinishContext): Promise<SourceSummary>;
  close(): Promise<void>;
}
