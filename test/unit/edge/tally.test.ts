import { describe, expect, it } from 'vitest';
import { Memo } from '../../../src/edge/tally.js';

function counting(renew: boolean) {
  const calls: string[] = [];
  const memo = new Memo(
    (raw) => {
      calls.push(raw);
      return { raw };
    },
    2,
    renew,
  );
  return { memo, calls };
}

describe('Memo', () => {
  it('computes each value once while it has room, and stops remembering once full', () => {
    const { memo, calls } = counting(false);
    for (const raw of ['a', 'b', 'a', 'c', 'c', 'a']) memo.get(raw);
    expect(calls).toEqual(['a', 'b', 'c', 'c']);
    expect(memo.size).toBe(2);
  });

  it('with renew, forgets the oldest to remember the newest, never holding more than its bound', () => {
    const { memo, calls } = counting(true);
    for (const raw of ['a', 'b', 'c', 'c', 'b', 'a']) memo.get(raw);
    expect(calls).toEqual(['a', 'b', 'c', 'a']);
    expect(memo.size).toBe(2);
    expect(memo.get('c')).toBe(memo.get('c'));
  });
});
