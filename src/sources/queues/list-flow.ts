/**
 * What flowed through Celery's Redis lists, not only what waited in them. LLEN once a second misses every task a
 * worker takes within the second; Redis CLIENT TRACKING in broadcast mode (Redis ≥ 6) instead reports every write
 * to a key under the tracked prefixes — a producer's LPUSH, a worker's BRPOP — to one subscriber connection. It
 * needs no MONITOR, no `notify-keyspace-events` change (the server's config is left alone) and never reads a
 * message. Redis coalesces writes to one key within one of its event-loop iterations, and a push handed straight
 * to a waiting worker is one write, so the counts are a lower bound on pushes + pops: enough to tell which queues
 * carried tasks, not an exact task count.
 */
import type { Redis } from 'ioredis';
import { openRedis, redisFailureReason, type RedisConnectionOptions } from '../redis/redis-connection.js';
import type { QueueFlow } from './queue-evidence.js';

/** Written into the evidence: how the flow was counted. */
export const FLOW_BY_TRACKING = 'Redis CLIENT TRACKING of list writes (pushes and pops, a lower bound)';
const CHANNEL = '__redis__:invalidate';

export class ListFlowWatcher {
  private subscriber: Redis | undefined;
  private tracker: Redis | undefined;
  private readonly writes = new Map<string, number>();
  private readonly queueOfKey = new Map<string, string>();
  private failure: string | undefined;
  private subscriberId: string | undefined;
  private interrupted = false;

  /** `keysByQueue`: every list key of each queue (the plain list and its priority sub-lists). */
  constructor(
    private readonly url: string,
    keysByQueue: Record<string, readonly string[]>,
    private readonly options: RedisConnectionOptions = {},
  ) {
    for (const [queue, keys] of Object.entries(keysByQueue)) {
      this.writes.set(queue, 0);
      for (const key of keys) this.queueOfKey.set(key, queue);
    }
  }

  /** Starts counting; `tracker` is the source's own connection, which only asks Redis to track. Never throws. */
  async start(tracker: Redis): Promise<void> {
    this.tracker = tracker;
    try {
      const subscriber = await openRedis(this.url, this.options);
      this.subscriber = subscriber;
      // CLIENT ID is refused once subscribed: read it first.
      this.subscriberId = String(await subscriber.client('ID'));
      subscriber.on('messageBuffer', (_channel: Buffer, keys: Buffer | Buffer[] | null) => this.count(keys));
      await subscriber.subscribe(CHANNEL);
      await this.track();
      // A reconnected subscriber has a new client id the tracking no longer points at: what follows is missed.
      subscriber.on('reconnecting', () => (this.interrupted = true));
      // A reconnected tracker starts without tracking: turn it on again.
      tracker.on('ready', () => void this.track().catch(() => (this.interrupted = true)));
    } catch (error) {
      this.failure = redisFailureReason(error as Error);
      await this.close();
    }
  }

  flow(): QueueFlow {
    if (this.failure)
      return { by_queue: {}, measured_by: `depth samples only (CLIENT TRACKING unavailable: ${this.failure})` };
    const partial = this.interrupted ? ' (interrupted by a reconnect: partial)' : '';
    return { by_queue: Object.fromEntries(this.writes), measured_by: `${FLOW_BY_TRACKING}${partial}` };
  }

  /** True once tracking could not be set up (older Redis, ACL): the flow is then not measured. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  async close(): Promise<void> {
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    if (subscriber) await subscriber.quit().catch(() => subscriber.disconnect());
  }

  private async track(): Promise<void> {
    const id = this.subscriberId;
    if (!this.subscriber || !this.tracker || !id) return;
    const prefixes = trackingPrefixes([...this.queueOfKey.keys()]).flatMap((p) => ['PREFIX', p]);
    await this.tracker.call('CLIENT', 'TRACKING', 'off');
    await this.tracker.call('CLIENT', 'TRACKING', 'on', 'REDIRECT', id, 'BCAST', ...prefixes, 'NOLOOP');
  }

  private count(keys: Buffer | Buffer[] | null): void {
    for (const key of Array.isArray(keys) ? keys : keys ? [keys] : []) {
      const queue = this.queueOfKey.get(key.toString());
      if (queue !== undefined) this.writes.set(queue, (this.writes.get(queue) ?? 0) + 1);
    }
  }
}

/** Redis refuses overlapping broadcast prefixes: keep only those that no shorter one already covers. */
export function trackingPrefixes(keys: readonly string[]): string[] {
  const sorted = [...new Set(keys)].sort((a, b) => a.length - b.length || (a < b ? -1 : 1));
  const kept: string[] = [];
  for (const key of sorted) if (!kept.some((p) => key.startsWith(p))) kept.push(key);
  return kept;
}
