import { describe, expect, it } from 'vitest';
import { trackingPrefixes } from '../../../../src/sources/queues/list-flow.js';
import { celeryQueueKeys } from '../../../../src/sources/queues/celery-keys.js';

describe('CLIENT TRACKING prefixes', () => {
  it('covers a queue and its priority sub-lists with one prefix', () => {
    expect(trackingPrefixes(celeryQueueKeys('high', 'app:'))).toEqual(['app:high']);
  });

  it('never sends overlapping prefixes (Redis refuses them), whatever the order', () => {
    const keys = [...celeryQueueKeys('high_priority'), ...celeryQueueKeys('high'), ...celeryQueueKeys('low')];
    expect(trackingPrefixes(keys)).toEqual(['low', 'high']);
    expect(trackingPrefixes([...keys].reverse())).toEqual(['low', 'high']);
  });
});
