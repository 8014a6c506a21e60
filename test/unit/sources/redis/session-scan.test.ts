import { describe, expect, it } from 'vitest';
import { scanSessions, type ScanCall } from '../../../../src/sources/redis/session-scan.js';

/** A keyspace of `total` keys walked `count` at a time; every `every`-th key matches; each call takes `callMs`. */
function keyspace(total: number, every: number, clock: { t: number }, callMs = 0) {
  const calls: number[] = [];
  const scan: ScanCall = async (cursor, count) => {
    calls.push(count);
    clock.t += callMs;
    const from = Number(cursor);
    const to = Math.min(total, from + count);
    const found = [];
    for (let k = from; k < to; k++) if (k % every === 0) found.push(`:1:django.contrib.sessions.cache${k}`);
    return [to >= total ? '0' : String(to), found];
  };
  return { scan, calls };
}

const limits = { pattern: '*django.contrib.sessions.cache*', max_scan: 10_000, max_time: 2000 };

describe('the bounded session scan', () => {
  it('walks a small keyspace whole and says so', async () => {
    const clock = { t: 0 };
    const { scan, calls } = keyspace(2500, 100, clock);
    const result = await scanSessions(scan, limits, 2500, () => clock.t);
    expect(result).toEqual({ pattern: limits.pattern, found: 25, complete: true, keys_scanned: 2500, db_keys: 2500 });
    expect(calls).toEqual([1000, 1000, 1000]);
  });

  it('stops after max_scan keys on a large keyspace', async () => {
    const clock = { t: 0 };
    const { scan, calls } = keyspace(1_000_000, 100, clock);
    const result = await scanSessions(scan, { ...limits, max_scan: 3000 }, 1_000_000, () => clock.t);
    expect(result).toMatchObject({ found: 30, complete: false, keys_scanned: 3000, stopped_by: 'max_scan' });
    expect(calls).toHaveLength(3);
  });

  it('stops at max_time on a slow server, whatever max_scan says', async () => {
    const clock = { t: 0 };
    const { scan, calls } = keyspace(1_000_000, 100, clock, 700);
    const result = await scanSessions(scan, { ...limits, max_scan: 1_000_000 }, 1_000_000, () => clock.t);
    expect(result).toMatchObject({ complete: false, keys_scanned: 3000, stopped_by: 'max_time' });
    expect(calls).toHaveLength(3); // 700, 1400, 2100 ms: the third call passed the 2 s cap
  });

  it('uses a COUNT no larger than max_scan', async () => {
    const clock = { t: 0 };
    const { scan, calls } = keyspace(100, 10, clock);
    await scanSessions(scan, { ...limits, max_scan: 20 }, 100, () => clock.t);
    expect(calls).toEqual([20]);
  });
});
