import { describe, expect, it } from 'vitest';
import { appSampleOf } from '../../../src/app/app-sample.js';

// What integrations/django's middleware writes (its own tests check it emits this form).
const DJANGO =
  'edge;dur=1, sa-app;dur=12.41, sa-queue;dur=3.2, sa-db;dur=8.02;n=21;dup=20, sa-cache;hit=3;miss=1, ' +
  'sa-dup;n=20;desc="SELECT ... FROM \\"shop_category\\" WHERE id = ?", ' +
  'sa-task;n=1;desc="high", sa-task;n=2;desc="low"';

describe('appSampleOf', () => {
  it('reads every figure of the wire format', () => {
    expect(appSampleOf(DJANGO)).toEqual({
      appMs: 12.41,
      queueMs: 3.2,
      dbMs: 8.02,
      queries: 21,
      duplicates: 20,
      cacheHits: 3,
      cacheMisses: 1,
      tasks: { high: 1, low: 2 },
      topDuplicate: { statement: 'SELECT ... FROM "shop_category" WHERE id = ?', n: 20 },
    });
  });

  it('is undefined when the app did not report (no sa-app), even beside other Server-Timing metrics', () => {
    expect(appSampleOf(undefined)).toBeUndefined();
    expect(appSampleOf('db;dur=53, cache;dur=2')).toBeUndefined();
  });

  it('joins repeated headers and reads nonsense numbers as 0, never as NaN', () => {
    const sample = appSampleOf(['sa-app;dur=abc', 'sa-db;n=-3;dup=4']);
    expect(sample).toMatchObject({ appMs: 0, queries: 0, duplicates: 4, tasks: {} });
    expect(sample?.queueMs).toBeUndefined();
  });
});
