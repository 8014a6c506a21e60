import { describe, expect, it } from 'vitest';
import { LaneSlots } from '../../../src/load/lane-slots.js';

describe('LaneSlots', () => {
  it('hands out new lanes up to the bound, then none until one is given back', () => {
    const slots = new LaneSlots(3);
    expect([slots.acquire(), slots.acquire(), slots.acquire()]).toEqual([0, 1, 2]);
    expect(slots.acquire()).toBeUndefined();
    expect(slots.inUse).toBe(3);
    slots.release(1);
    expect(slots.inUse).toBe(2);
    expect(slots.acquire()).toBe(1);
  });

  it('reuses the most recently freed lane first: its connection is the warm one', () => {
    const slots = new LaneSlots(10);
    for (let i = 0; i < 4; i++) slots.acquire();
    slots.release(0);
    slots.release(2);
    expect(slots.acquire()).toBe(2);
    expect(slots.acquire()).toBe(0);
    expect(slots.acquire()).toBe(4);
  });
});
