import { describe, expect, it } from 'vitest';
import { exclusive, ownLookups, recordOwnLookups } from '../../../../src/sources/redis/redis-own-lookups.js';

const tick = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('exclusive: the tool’s own reads of one Redis server take turns', () => {
  it('a read waits until the one in flight has recorded its lookups', async () => {
    const order: string[] = [];
    const queue = exclusive('server-a', async () => {
      order.push('queue sent');
      await tick(20);
      recordOwnLookups('server-a', { hits: 2, misses: 19 });
      order.push('queue recorded');
    });
    const info = exclusive('server-a', async () => {
      order.push(`info sees ${ownLookups('server-a').misses} own misses`);
    });
    await Promise.all([queue, info]);
    expect(order).toEqual(['queue sent', 'queue recorded', 'info sees 19 own misses']);
  });

  it('a failed read does not block the next; other servers do not wait', async () => {
    const failed = exclusive('server-b', async () => {
      throw new Error('timeout');
    });
    await expect(failed).rejects.toThrow('timeout');
    await expect(exclusive('server-b', async () => 'next')).resolves.toBe('next');
    let slowDone = false;
    const slow = exclusive('server-c', async () => {
      await tick(30);
      slowDone = true;
    });
    await exclusive('server-d', async () => expect(slowDone).toBe(false));
    await slow;
  });
});
