import { describe, expect, it } from 'vitest';
import { celeryPriorityKey, celeryQueueKeys, KOMBU_SEP } from '../../../../src/sources/queues/celery-keys.js';

describe('celery queue keys (kombu Redis transport)', () => {
  it('uses the two control characters \\x06\\x16 as the separator', () => {
    expect([...KOMBU_SEP].map((c) => c.charCodeAt(0))).toEqual([6, 22]);
  });

  it('lists the plain queue and its sub-lists for priorities 1–9', () => {
    const keys = celeryQueueKeys('emails');
    expect(keys[0]).toBe('emails');
    expect(keys).toContain('emails\x06\x163');
    expect(keys).toContain('emails\x06\x169');
    expect(keys).toHaveLength(10);
    expect(celeryQueueKeys('emails', 'app:')[0]).toBe('app:emails');
  });

  it('routes a priority down to kombu default steps 0, 3, 6, 9', () => {
    expect(celeryPriorityKey('q', 0)).toBe('q');
    expect(celeryPriorityKey('q', 2)).toBe('q');
    expect(celeryPriorityKey('q', 5)).toBe('q\x06\x163');
    expect(celeryPriorityKey('q', 9)).toBe('q\x06\x169');
    expect(celeryPriorityKey('q', 7, 'p:')).toBe('p:q\x06\x166');
  });
});
