/**
 * What every queue source shares: a baseline depth at start, a depth series while the load runs and drains,
 * and the queue evidence at the end. A broker-specific source only says how to read the depths.
 */
import { DepthSeries } from './depth-series.js';
import type { DepthPoint, QueueFlow } from './queue-evidence.js';
import type { FinishContext, Sample, Source, SourceSummary } from '../source.js';

export abstract class QueueDepthSource implements Source {
  abstract readonly id: string;
  abstract readonly kind: string;
  abstract readonly required: boolean;
  /** Queue names; Celery's default queue "celery" when none is given. */
  readonly names: string[];
  private readonly depths = new DepthSeries();

  constructor(names: readonly string[]) {
    this.names = names.length > 0 ? [...new Set(names)] : ['celery'];
  }

  abstract describe(): string;
  abstract open(): Promise<void>;
  abstract close(): Promise<void>;
  protected abstract read(t: number): Promise<DepthPoint>;

  async start(): Promise<void> {
    this.depths.setBaseline(await this.read(0));
  }

  async sample(now: number): Promise<Sample> {
    return { values: this.depths.add(await this.read(now)) };
  }

  drained(): boolean {
    return this.depths.drained();
  }

  async finish(ctx: FinishContext): Promise<SourceSummary> {
    const queues = this.depths.evidence(this.names, ctx.load_end_t, await this.flow());
    return {
      deltas: {
        ...this.describeDeltas(),
        depth_start: queues.depth_start,
        depth_end: queues.depth_end,
        depth_max: queues.depth_max,
      },
      evidence: { queues },
    };
  }

  /** What flowed through the queues since start(), where the broker can tell (undefined: depth samples only). */
  protected async flow(): Promise<QueueFlow | undefined> {
    return undefined;
  }

  /** Source-specific facts for run.json deltas. */
  protected describeDeltas(): Record<string, unknown> {
    return {};
  }
}
