import { counterDelta } from '../counter-delta.js';
import type { OwnLookups } from './redis-own-lookups.js';

/** Cumulative counters from one INFO read, with scale-audit's own lookups on that server at that moment. */
export interface RedisCounterRead {
  runId: string;
  hits: number;
  misses: number;
  commands: number;
  evicted: number;
  expired: number;
  own: OwnLookups;
}

export interface RedisDeltas {
  hits: number;
  misses: number;
  commands: number;
  evicted: number;
  expired: number;
}

/**
 * Counter increases between two reads, less scale-audit's own lookups. A new run_id (restart) or a counter
 * that went down (CONFIG RESETSTAT) counts from zero. The own lookups are recorded just after Redis ran them,
 * so one interval can see them a moment late: an interval's value may dip below zero and the next one makes
 * up for it, which keeps sums over a run exact. Clamp only where a single interval is shown.
 */
export function redisDeltas(a: RedisCounterRead, b: RedisCounterRead): RedisDeltas {
  const sameServer = a.runId === b.runId;
  const reset = !sameServer || b.hits < a.hits || b.misses < a.misses || b.commands < a.commands;
  const raw = (field: 'hits' | 'misses' | 'commands' | 'evicted' | 'expired'): number =>
    counterDelta(a[field], b[field], reset);
  const own = (field: keyof OwnLookups): number => (sameServer ? b.own[field] - a.own[field] : b.own[field]);
  return {
    hits: raw('hits') - own('hits'),
    misses: raw('misses') - own('misses'),
    commands: raw('commands') - own('commands'),
    evicted: raw('evicted'),
    expired: raw('expired'),
  };
}

/** Sums interval deltas over consecutive reads (the dips of late own-lookup records cancel out). */
export function sumRedisDeltas(reads: readonly RedisCounterRead[]): RedisDeltas {
  const total: RedisDeltas = { hits: 0, misses: 0, commands: 0, evicted: 0, expired: 0 };
  for (let i = 1; i < reads.length; i++) {
    const d = redisDeltas(reads[i - 1]!, reads[i]!);
    total.hits += d.hits;
    total.misses += d.misses;
    total.commands += d.commands;
    total.evicted += d.evicted;
    total.expired += d.expired;
  }
  return {
    hits: Math.max(0, total.hits),
    misses: Math.max(0, total.misses),
    commands: Math.max(0, total.commands),
    evicted: total.evicted,
    expired: total.expired,
  };
}
