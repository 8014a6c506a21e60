import { describe, expect, it } from 'vitest';
import { type RedisCounterRead, redisDeltas, sumRedisDeltas } from '../../../../src/sources/redis/redis-deltas.js';

const read = (
  runId: string,
  hits: number,
  misses: number,
  own: { hits?: number; misses?: number; commands?: number } = {},
  commands = 0,
): RedisCounterRead => ({
  runId,
  hits,
  misses,
  commands,
  evicted: 0,
  expired: 0,
  own: { hits: own.hits ?? 0, misses: own.misses ?? 0, commands: own.commands ?? 0 },
});

describe('redisDeltas', () => {
  it('subtracts the own lookups made in the interval', () => {
    const d = redisDeltas(read('a', 100, 50, { misses: 10 }), read('a', 170, 90, { misses: 21 }));
    expect(d).toMatchObject({ hits: 70, misses: 29 });
  });

  it('counts from zero after a restart, with the new server’s own lookups only', () => {
    const d = redisDeltas(read('a', 500, 500, { misses: 99 }), read('b', 10, 7, { misses: 2 }));
    expect(d).toMatchObject({ hits: 10, misses: 5 });
  });

  it('counts from zero after CONFIG RESETSTAT (same server, counters went down)', () => {
    expect(redisDeltas(read('a', 500, 500), read('a', 4, 3))).toMatchObject({ hits: 4, misses: 3 });
  });
});

describe('sumRedisDeltas', () => {
  it('stays exact when own lookups are recorded one read late', () => {
    // 11 own misses hit the server before read 2 but are recorded only by read 3; the app made 5 misses per interval.
    const reads = [
      read('a', 0, 0),
      read('a', 7, 5 + 11),
      read('a', 14, 10 + 11, { misses: 11 }),
      read('a', 21, 15 + 11, { misses: 11 }),
    ];
    expect(redisDeltas(reads[1]!, reads[2]!).misses).toBe(-6);
    expect(sumRedisDeltas(reads)).toMatchObject({ hits: 21, misses: 15 });
  });
});
