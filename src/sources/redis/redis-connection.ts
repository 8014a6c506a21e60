import { Redis } from 'ioredis';
import { errorCode } from '../../util/error-code.js';
import { redactText } from '../../util/redact.js';

export interface RedisConnectionOptions {
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
}

/** Reconnect backoff once open: 250 ms doubling up to 2 s, so a dead server costs one attempt per 2 s. */
const reconnectDelay = (attempt: number): number => Math.min(250 * 2 ** (attempt - 1), 2000);

/**
 * One ioredis connection for sampling: fails fast at open (no retry, the reason in the error), never queues
 * commands while disconnected (a sample then fails at once and becomes a gap), and reconnects with a bounded
 * backoff afterwards so a server that comes back is sampled again.
 */
export async function openRedis(url: string, options: RedisConnectionOptions = {}): Promise<Redis> {
  let opened = false;
  let firstError: Error | undefined;
  const redis = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: options.connectTimeoutMs ?? 5000,
    commandTimeout: options.commandTimeoutMs ?? 5000,
    connectionName: 'scale-audit',
    retryStrategy: (attempt) => (opened ? reconnectDelay(attempt) : null),
    reconnectOnError: () => false,
  });
  // The first error says why (WRONGPASS); later ones are consequences (NOAUTH on SELECT).
  redis.on('error', (error: Error) => {
    if (!opened) firstError ??= error;
    lastErrors.set(redis, error);
  });
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(redisFailureReason(firstError ?? (error as Error)));
  }
  opened = true;
  return redis;
}

const lastErrors = new WeakMap<Redis, Error>();

/** Throws a gap reason a user can read (rather than ioredis' "Stream isn't writeable") while disconnected. */
export function assertRedisReady(redis: Redis): void {
  if (redis.status === 'ready') return;
  const last = lastErrors.get(redis);
  throw new Error(`disconnected from redis (${redis.status})${last ? `: ${redisFailureReason(last)}` : ''}`);
}

/** Says why in words a user acts on: authentication, refused, timeout, unknown host. */
export function redisFailureReason(error: Error): string {
  const message = error.message;
  const code = errorCode(error);
  let reason: string;
  if (/WRONGPASS|NOAUTH|invalid password|AUTH/i.test(message)) reason = `authentication failed: ${message}`;
  else if (code === 'ECONNREFUSED') reason = `connection refused: ${message}`;
  else if (code === 'ETIMEDOUT' || /timed? ?out/i.test(message)) reason = `connect timeout: ${message}`;
  else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') reason = `host not found: ${message}`;
  else reason = message;
  return redactText(reason);
}

/** The server's identity for this process lifetime (changes when Redis restarts). */
export async function redisRunId(redis: Redis): Promise<string> {
  const text = await redis.info('server');
  return /run_id:(\w+)/.exec(text)?.[1] ?? 'unknown';
}
