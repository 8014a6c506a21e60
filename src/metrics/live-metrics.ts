/**
 * Live metrics of one run (`metrics: { port, remote_write }`): the registry, the /metrics endpoint and the
 * remote writer started before the load, fed once a second from the runner's progress and closed seconds and from
 * every source sample, and finished with the run's exact totals — pushed, and scraped if a scraper is watching —
 * before the run returns.
 */
import { randomUUID } from 'node:crypto';
import type { Config } from '../config/schema.js';
import type { LoadOutcome, Progress } from '../load/engine.js';
import type { LoadDistribution } from '../load/plan/distribute.js';
import { scheduledBetween } from '../load/models/schedule.js';
import type { TimelineRow } from '../result/run-result.js';
import { ExpositionServer } from './exposition-server.js';
import { RemoteWriter } from './remote-writer.js';
import { RunMetrics } from './run-metrics.js';

const PROGRESS_EVERY_MS = 1000;

export class LiveMetrics {
  readonly runId = randomUUID().slice(0, 8);
  readonly metrics: RunMetrics;
  private readonly server: ExpositionServer | undefined;
  private readonly writer: RemoteWriter | undefined;
  private poll: NodeJS.Timeout | undefined;

  constructor(
    private readonly settings: NonNullable<Config['metrics']>,
    load: LoadDistribution,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    const { model, endpoints } = load.plan;
    this.metrics = new RunMetrics({
      runId: this.runId,
      shard: load.shard ? `${load.shard.index}/${load.shard.count}` : '1/1',
      endpoints: endpoints.map((e) => e.name),
      intendedInSecond:
        model.kind === 'open'
          ? (t) => scheduledBetween(model.segments, model.warmupMs + t * 1000, model.warmupMs + (t + 1) * 1000)
          : undefined,
    });
    if (settings.port !== undefined) this.server = new ExpositionServer(this.metrics.registry);
    if (settings.remote_write) this.writer = new RemoteWriter(settings.remote_write, this.metrics.registry, log);
  }

  /** Before the load: listen (a port in use is exit 2) and make the first push. */
  async start(): Promise<void> {
    const parts = [`run_id ${this.runId}`];
    if (this.server) {
      await this.server.listen(this.settings.port!);
      parts.push(`OpenMetrics at ${this.server.url}`);
    }
    if (this.writer) {
      await this.writer.push();
      this.writer.start();
      parts.push(`remote write to ${this.writer.target}`);
    }
    this.log(`metrics: ${parts.join(', ')}`);
  }

  /** While the measured load runs: its progress, once a second. */
  follow(progress: () => Progress): void {
    clearInterval(this.poll);
    this.poll = setInterval(() => this.metrics.observeProgress(progress()), PROGRESS_EVERY_MS);
    this.poll.unref();
  }

  observeSecond(row: TimelineRow): void {
    this.metrics.observeSecond(row);
  }

  observeSource(sourceId: string, values: Record<string, number>): void {
    this.metrics.observeSource(sourceId, values);
  }

  /** The exact totals, the final push (awaited) and the last scrape; then the endpoint closes. */
  async finish(outcome: LoadOutcome): Promise<void> {
    clearInterval(this.poll);
    this.metrics.finish(outcome);
    await this.writer?.flush();
    if (this.writer?.failed) {
      this.log(
        `metrics: ${this.writer.failed} of ${this.writer.failed + this.writer.pushed} pushes failed ` +
          `(last: ${this.writer.lastError})`,
      );
    }
    await this.server?.close(true);
  }

  /** Stops everything without a final push (the run failed before it had figures). */
  async close(): Promise<void> {
    clearInterval(this.poll);
    await this.writer?.stop();
    await this.server?.close();
  }
}
