import type { Redis } from 'ioredis';
import { redactUrl } from '../../util/redact.js';
import { celeryQueueKeys, KOMBU_UNACKED_KEY } from './celery-keys.js';
import { QueueDepthSource } from './queue-depth-source.js';
import type { DepthPoint, QueueFlow } from './queue-evidence.js';
import { ListFlowWatcher } from './list-flow.js';
import { assertRedisReady, openRedis, redisRunId } from '../redis/redis-connection.js';
import { exclusive, recordOwnLookups } from '../redis/redis-own-lookups.js';

export interface CeleryRedisSourceOptions {
  url: string;
  /** Celery queue names; Celery's default queue "celery" when empty. */
  names: string[];
  required: boolean;
  id?: string;
  /** kombu's `unacked_key` transport option. */
  unacked_key?: string;
  /** kombu's `global_keyprefix` transport option. */
  key_prefix?: string;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
}

/**
 * Celery queues on Redis: LLEN of each queue and its priority sub-lists, plus HLEN of the unacked hash; and what
 * flowed through the lists between samples (ListFlowWatcher: Redis CLIENT TRACKING, one more connection).
 */
export class CeleryRedisSource extends QueueDepthSource {
  readonly id: string;
  readonly kind = 'celery-redis';
  readonly required: boolean;
  private redis: Redis | undefined;
  private runId = 'unknown';
  private readonly unackedKey: string;
  private watcher: ListFlowWatcher | undefined;

  constructor(private readonly options: CeleryRedisSourceOptions) {
    super(options.names);
    this.id = options.id ?? 'celery';
    this.required = options.required;
    this.unackedKey = `${options.key_prefix ?? ''}${options.unacked_key ?? KOMBU_UNACKED_KEY}`;
  }

  describe(): string {
    return (
      `celery on ${redactUrl(this.options.url)} (queues ${this.names.join(', ')} with priority sub-lists, ` +
      `${this.unackedKey} hash; list writes by CLIENT TRACKING)`
    );
  }

  async open(): Promise<void> {
    const redis = await openRedis(this.options.url, this.options);
    this.redis = redis;
    this.runId = await redisRunId(redis);
    redis.on('ready', () => {
      redisRunId(redis).then(
        (id) => (this.runId = id),
        () => undefined,
      );
    });
  }

  override async start(): Promise<void> {
    await super.start();
    if (!this.redis || this.watcher) return;
    const prefix = this.options.key_prefix ?? '';
    const keys = Object.fromEntries(this.names.map((name) => [name, celeryQueueKeys(name, prefix)]));
    this.watcher = new ListFlowWatcher(this.options.url, keys, this.options);
    await this.watcher.start(this.redis);
  }

  protected override async flow(): Promise<QueueFlow | undefined> {
    return this.watcher?.flow();
  }

  protected override describeDeltas(): Record<string, unknown> {
    const flow = this.watcher?.flow();
    return { unacked_key: this.unackedKey, ...(flow ? { flow_writes: flow.by_queue } : {}) };
  }

  async close(): Promise<void> {
    await this.watcher?.close();
    this.watcher = undefined;
    const redis = this.redis;
    this.redis = undefined;
    if (redis) await redis.quit().catch(() => redis.disconnect());
  }

  protected async read(t: number): Promise<DepthPoint> {
    if (!this.redis) throw new Error('not open');
    assertRedisReady(this.redis);
    const prefix = this.options.key_prefix ?? '';
    const keysByQueue = this.names.map((name) => celeryQueueKeys(name, prefix));
    const redis = this.redis;
    const runId = this.runId;
    const counts = await exclusive(runId, async () => {
      const pipeline = redis.pipeline();
      for (const keys of keysByQueue) for (const key of keys) pipeline.llen(key);
      pipeline.hlen(this.unackedKey);
      const replies = (await pipeline.exec()) ?? [];
      const read = replies.map(([error, count]) => (error ? NaN : Number(count)));
      // LLEN/HLEN count as keyspace hits (key exists) or misses: remembered so the cache hit ratio excludes them.
      const hits = read.filter((n) => n > 0).length;
      recordOwnLookups(runId, { hits, misses: read.length - hits, commands: read.length });
      const failed = replies.find(([error]) => error)?.[0];
      if (failed) throw failed;
      return read;
    });
    const by_queue: Record<string, number> = {};
    let offset = 0;
    keysByQueue.forEach((keys, i) => {
      by_queue[this.names[i]!] = counts.slice(offset, offset + keys.length).reduce((a, b) => a + b, 0);
      offset += keys.length;
    });
    const unacked = counts[offset] ?? 0;
    const total = Object.values(by_queue).reduce((a, b) => a + b, 0) + unacked;
    return { t, total, by_queue, unacked };
  }
}
