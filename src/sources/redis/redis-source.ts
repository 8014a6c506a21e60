import type { Redis } from 'ioredis';
import type { CacheEvidence } from '../../result/evidence.js';
import { redactText, redactUrl } from '../../util/redact.js';
import { hitRatio } from './hit-ratio.js';
import { assertRedisReady, openRedis } from './redis-connection.js';
import { type RedisCounterRead, type RedisDeltas, redisDeltas, sumRedisDeltas } from './redis-deltas.js';
import { infoNumber, parseRedisInfo } from './redis-info.js';
import { exclusive, ownLookups, recordOwnLookups } from './redis-own-lookups.js';
import type { FinishContext, Sample, Source, SourceSummary } from '../source.js';
import { type SessionScan, type SessionScanLimits, scanSessions } from './session-scan.js';

export interface RedisSourceOptions {
  url: string;
  /** Unique among the run's sources; give one per URL when several Redis servers are watched. */
  id?: string;
  /** Bounded SCAN for Django cache-session keys at the end of the run. */
  sessions?: SessionScanLimits;
  required: boolean;
  connectTimeoutMs?: number;
  commandTimeoutMs?: number;
}

/** One INFO read: the counters and the gauges. */
interface InfoRead extends RedisCounterRead {
  t: number;
  usedMemory: number;
  maxmemory: number;
  clients: number;
}

interface RunTotals extends RedisDeltas {
  seconds: number;
}

/** Redis as a cache: INFO deltas (keyspace hits and misses, evictions, memory, clients, ops/s). */
export class RedisSource implements Source {
  readonly id: string;
  readonly kind = 'redis';
  readonly required: boolean;
  private redis: Redis | undefined;
  private readonly reads: InfoRead[] = [];
  private version = '';
  private policy = '';
  private runId: string | undefined;

  constructor(private readonly options: RedisSourceOptions) {
    this.id = options.id ?? 'redis';
    this.required = options.required;
  }

  describe(): string {
    const what = this.options.sessions ? 'INFO stats, SCAN sessions' : 'INFO stats';
    return `redis ${redactUrl(this.options.url)} (${what})`;
  }

  async open(): Promise<void> {
    this.redis = await openRedis(this.options.url, this.options);
    const first = parseRedisInfo(await this.redis.info());
    this.runId = first.run_id;
    this.version = first.redis_version ?? '';
    this.policy = first.maxmemory_policy ?? '';
  }

  async start(): Promise<void> {
    this.reads.length = 0;
    this.reads.push(await this.read(0));
  }

  async sample(now: number): Promise<Sample> {
    const current = await this.read(now);
    const previous = this.reads.at(-1);
    this.reads.push(current);
    const values: Record<string, number> = {
      keyspace_hits: current.hits - current.own.hits,
      keyspace_misses: current.misses - current.own.misses,
      evicted_keys: current.evicted,
      used_memory: current.usedMemory,
      maxmemory: current.maxmemory,
      connected_clients: current.clients,
    };
    if (previous && current.t > previous.t) {
      const d = redisDeltas(previous, current);
      const ratio = hitRatio(Math.max(0, d.hits), Math.max(0, d.misses));
      if (ratio !== undefined) values.hit_ratio = ratio;
      values.ops_per_s = Math.max(0, d.commands) / (current.t - previous.t);
    }
    return { values };
  }

  async finish(ctx: FinishContext): Promise<SourceSummary> {
    const sessions = this.options.sessions ? await this.scanSessions(this.options.sessions) : undefined;
    const totals = runTotals(this.reads, ctx.load_end_t);
    const usedMemoryMax = Math.max(0, ...this.reads.map((r) => r.usedMemory));
    const maxmemory = this.reads.at(-1)?.maxmemory ?? 0;
    const clientsMax = Math.max(0, ...this.reads.map((r) => r.clients));
    const cache: CacheEvidence = {};
    if (totals) {
      const ratio = hitRatio(totals.hits, totals.misses);
      if (ratio !== undefined) cache.hit_ratio = ratio;
      cache.hits = totals.hits;
      cache.misses = totals.misses;
      cache.evictions = totals.evicted;
      if (totals.seconds > 0) cache.ops_per_s = totals.commands / totals.seconds;
    }
    if (maxmemory > 0 && this.reads.length > 0) cache.memory_ratio = usedMemoryMax / maxmemory;
    if (this.reads.length > 0) cache.connected_clients_max = clientsMax;
    if (sessions?.found !== undefined) cache.session_keys = sessions.found;
    return {
      deltas: {
        redis_version: this.version,
        ...(totals && {
          keyspace_hits: totals.hits,
          keyspace_misses: totals.misses,
          evicted_keys: totals.evicted,
          expired_keys: totals.expired,
          commands: totals.commands,
          window_s: totals.seconds,
        }),
        used_memory_max: usedMemoryMax,
        maxmemory,
        maxmemory_policy: this.policy,
        connected_clients_max: clientsMax,
        ...(sessions && { sessions }),
      },
      evidence: { cache },
    };
  }

  async close(): Promise<void> {
    const redis = this.redis;
    this.redis = undefined;
    if (redis) await redis.quit().catch(() => redis.disconnect());
  }

  private async read(t: number): Promise<InfoRead> {
    const redis = this.redis;
    if (!redis) throw new Error('not open');
    assertRedisReady(redis);
    // No own read of this server is in flight (exclusive): the lookups recorded now are those this INFO counts.
    const known = this.runId ?? 'unknown';
    const { ownBefore, fields } = await exclusive(known, async () => {
      const ownBefore = ownLookups(known);
      return { ownBefore, fields: parseRedisInfo(await redis.info()) };
    });
    const runId = fields.run_id ?? 'unknown';
    const own = runId === known ? ownBefore : ownLookups(runId);
    this.runId = runId;
    recordOwnLookups(runId, { commands: 1 });
    return {
      t,
      runId,
      hits: infoNumber(fields, 'keyspace_hits'),
      misses: infoNumber(fields, 'keyspace_misses'),
      commands: infoNumber(fields, 'total_commands_processed'),
      evicted: infoNumber(fields, 'evicted_keys'),
      expired: infoNumber(fields, 'expired_keys'),
      own,
      usedMemory: infoNumber(fields, 'used_memory'),
      maxmemory: infoNumber(fields, 'maxmemory'),
      clients: infoNumber(fields, 'connected_clients'),
    };
  }

  private async scanSessions(limits: SessionScanLimits): Promise<SessionScan> {
    const redis = this.redis;
    if (!redis) return { pattern: limits.pattern, error: 'not open' };
    try {
      const scan = (cursor: string, count: number) => redis.scan(cursor, 'MATCH', limits.pattern, 'COUNT', count);
      const found = await scanSessions(scan, limits, await redis.dbsize(), () => performance.now());
      return { redis: redactUrl(this.options.url), ...found };
    } catch (error) {
      return { pattern: limits.pattern, error: redactText((error as Error).message) };
    }
  }
}

/**
 * Counter increases over the load: from the baseline to the first read at or after the load stopped
 * (that read covers the load's last interval; later drain-phase reads are left out).
 */
function runTotals(reads: readonly InfoRead[], loadEndT: number): RunTotals | undefined {
  const endIndex = reads.findIndex((r) => r.t >= loadEndT);
  const window = endIndex === -1 ? reads : reads.slice(0, endIndex + 1);
  if (window.length < 2) return undefined;
  return { ...sumRedisDeltas(window), seconds: window.at(-1)!.t - window[0]!.t };
}
