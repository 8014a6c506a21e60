/**
 * Counts a flow's measured iterations — started, completed, failed (by step and class), dropped — and records
 * the completed ones' latency into an HDR histogram. Memory stays flat with iteration count.
 */
import { createHistogram, encodeHistogram, recordMs, type Histogram } from '../load/histogram.js';
import type { ErrorClass, FlowResult } from '../result/run-result.js';

/** What an engine hands back for one flow; tallies of workers and shards add up exactly. */
export type FlowTally = Pick<
  FlowResult,
  'iterations' | 'completed' | 'failed' | 'dropped' | 'failed_at' | 'failed_by_class' | 'histogram'
> & {
  /** Open model: iterations per second the schedule asked of this flow. */
  target_rate?: number;
};

export class FlowRecorder {
  private iterations = 0;
  private completed = 0;
  private failed = 0;
  private dropped = 0;
  private readonly failedAt: Record<string, number> = {};
  private readonly failedByClass: Record<string, number> = {};
  private readonly latency: Histogram = createHistogram();

  start(): void {
    this.iterations += 1;
  }

  drop(): void {
    this.dropped += 1;
  }

  complete(latencyMs: number): void {
    this.completed += 1;
    recordMs(this.latency, latencyMs);
  }

  fail(step: string, errorClass: ErrorClass): void {
    this.failed += 1;
    this.failedAt[step] = (this.failedAt[step] ?? 0) + 1;
    this.failedByClass[errorClass] = (this.failedByClass[errorClass] ?? 0) + 1;
  }

  tally(): FlowTally {
    return {
      iterations: this.iterations,
      completed: this.completed,
      failed: this.failed,
      dropped: this.dropped,
      failed_at: { ...this.failedAt },
      failed_by_class: { ...this.failedByClass },
      histogram: encodeHistogram(this.latency),
    };
  }
}
