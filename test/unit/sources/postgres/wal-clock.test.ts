import { describe, expect, it } from 'vitest';
import { WalClock } from '../../../../src/sources/postgres/wal-clock.js';

describe('WalClock: the age of the oldest change a replica has not replayed', () => {
  it('is 0 when the replica replayed everything the primary had written', () => {
    const clock = new WalClock();
    clock.mark(0, 1000);
    clock.mark(500, 1200);
    expect(clock.age(1200, 900)).toEqual({ seconds: 0, at_least: false });
  });

  it('counts from the first sample that saw WAL past the replay position, not from the idle time before', () => {
    const clock = new WalClock();
    clock.mark(0, 1000); // quiet for 10 s: the same position
    clock.mark(10_000, 1000);
    clock.mark(10_500, 1500); // the first write after replay was paused
    clock.mark(11_000, 2000);
    expect(clock.age(1000, 13_000)).toEqual({ seconds: 2.5, at_least: false });
    expect(clock.age(1500, 13_000)).toEqual({ seconds: 2, at_least: false });
  });

  it('says "at least" for a replica already behind the first sample', () => {
    const clock = new WalClock();
    clock.mark(1000, 5000);
    clock.mark(2000, 6000);
    expect(clock.age(4000, 3000)).toEqual({ seconds: 2, at_least: true });
  });

  it('knows nothing before the first mark', () => {
    expect(new WalClock().age(1, 1)).toBeUndefined();
  });
});
