import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';

/**
 * Celery's Redis wire format, written out here rather than taken from src/ so the tests check the source
 * against kombu's layout, not against itself: priority p goes to list `queue` + "\x06\x16" + step
 * (kombu's default steps 0, 3, 6, 9; step 0 is the plain list), reserved messages sit in the `unacked` hash.
 */
export const SEP = '\x06\x16';
const STEPS = [0, 3, 6, 9];

export function priorityKey(prefix: string, queue: string, priority: number): string {
  const step = STEPS.filter((s) => s <= priority).at(-1) ?? 0;
  return step === 0 ? `${prefix}${queue}` : `${prefix}${queue}${SEP}${step}`;
}

/** A Celery protocol-2 task message in kombu's JSON envelope, as `apply_async` puts it on Redis. */
export function celeryMessage(task: string, args: unknown[], queue: string, priority: number): string {
  const id = randomUUID();
  const body = Buffer.from(JSON.stringify([args, {}, { callbacks: null, errbacks: null, chain: null, chord: null }]));
  return JSON.stringify({
    body: body.toString('base64'),
    'content-encoding': 'utf-8',
    'content-type': 'application/json',
    headers: {
      lang: 'py',
      task,
      id,
      shadow: null,
      eta: null,
      expires: null,
      group: null,
      group_index: null,
      retries: 0,
      timelimit: [null, null],
      root_id: id,
      parent_id: null,
      argsrepr: JSON.stringify(args),
      kwargsrepr: '{}',
      origin: 'scale-audit-test',
      ignore_result: false,
    },
    properties: {
      correlation_id: id,
      reply_to: randomUUID(),
      delivery_mode: 2,
      delivery_info: { exchange: '', routing_key: queue },
      priority,
      body_encoding: 'base64',
      delivery_tag: randomUUID(),
    },
  });
}

export interface CeleryConsumerOptions {
  redisUrl: string;
  queue: string;
  /** kombu global_keyprefix: on queue lists and the unacked hash. */
  prefix: string;
  /** Time each task "runs" while it sits in the unacked hash. */
  processMs: number;
}

export interface CeleryConsumer {
  readonly acked: number;
  /** performance.now() of the latest acknowledgement. */
  readonly lastAckAt: number | undefined;
  /** Stops at once: a task in progress stays in the unacked hash, as when a worker is killed. */
  stop(): Promise<void>;
}

/** A worker like Celery's on Redis: BRPOP over the priority lists, reserve in `unacked`, run, ack. */
export function startCeleryConsumer(options: CeleryConsumerOptions): CeleryConsumer {
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  const keys = STEPS.map((p) => priorityKey(options.prefix, options.queue, p));
  const unacked = `${options.prefix}unacked`;
  const unackedIndex = `${options.prefix}unacked_index`;
  const abort = new AbortController();
  const state = { acked: 0, lastAckAt: undefined as number | undefined };
  const loop = (async () => {
    while (!abort.signal.aborted) {
      const popped = await redis.brpop(...keys, 0.1).catch(() => null);
      if (!popped) continue;
      const message = JSON.parse(popped[1]) as { properties: { delivery_tag: string } };
      const tag = message.properties.delivery_tag;
      await redis
        .multi()
        .zadd(unackedIndex, Date.now() / 1000, tag)
        .hset(unacked, tag, JSON.stringify([message, '', options.queue]))
        .exec();
      try {
        await sleep(options.processMs, undefined, { signal: abort.signal });
      } catch {
        return;
      }
      await redis.multi().zrem(unackedIndex, tag).hdel(unacked, tag).exec();
      state.acked += 1;
      state.lastAckAt = performance.now();
    }
  })();
  return {
    get acked() {
      return state.acked;
    },
    get lastAckAt() {
      return state.lastAckAt;
    },
    async stop() {
      abort.abort();
      await loop;
      redis.disconnect();
    },
  };
}
