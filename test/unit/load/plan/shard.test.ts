import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../../src/config/load.js';
import type { ConfigInput } from '../../../../src/config/schema.js';
import { buildEnginePlan } from '../../../../src/load/plan/plan.js';
import {
  describeShard,
  parseShard,
  planFingerprint,
  resolveShard,
  samplesSources,
  shardPlan,
} from '../../../../src/load/plan/shard.js';
import { expectedRequests } from '../../../../src/load/models/schedule.js';
import { ConfigError } from '../../../../src/errors.js';

const config = (over: Partial<ConfigInput> = {}) =>
  validateConfig({
    target: 'http://127.0.0.1:8000',
    endpoints: [{ path: '/a' }, { path: '/b', weight: 3 }],
    load: { rate: 300, duration: '10s', warmup: '2s' },
    ...over,
  });

describe('parseShard', () => {
  it('reads i/N, 1-based', () => {
    expect(parseShard('1/3')).toEqual({ index: 1, count: 3 });
    expect(parseShard('3/3')).toEqual({ index: 3, count: 3 });
  });

  it('refuses shards outside 1..N and malformed specs, naming the expectation', () => {
    expect(() => parseShard('0/3')).toThrow(/between 1 and 3 \(1-based\)/);
    expect(() => parseShard('4/3')).toThrow(ConfigError);
    expect(() => parseShard('1/0')).toThrow(/at least 1/);
    expect(() => parseShard('one/3')).toThrow(/expected i\/N/);
  });

  it('auto/N takes the Kubernetes Indexed Job index (0-based) + 1', () => {
    expect(parseShard('auto/3', { JOB_COMPLETION_INDEX: '0' })).toEqual({ index: 1, count: 3 });
    expect(parseShard('auto/3', { JOB_COMPLETION_INDEX: '2' })).toEqual({ index: 3, count: 3 });
    expect(() => parseShard('auto/3', { JOB_COMPLETION_INDEX: '3' })).toThrow(/JOB_COMPLETION_INDEX=3 gives shard 4/);
    expect(() => parseShard('auto/3', {})).toThrow(/JOB_COMPLETION_INDEX is not set/);
  });

  it('the config accepts i/N and auto/N', () => {
    expect(config({ shard: 'auto/4' }).shard).toBe('auto/4');
    expect(() => config({ shard: '2of3' })).toThrow(ConfigError);
  });
});

describe('resolveShard and samplesSources', () => {
  it('unsharded runs sample sources; sharded runs only in the shard sources.shard names (default 1)', () => {
    expect(resolveShard(config())).toBeUndefined();
    expect(samplesSources(config(), undefined)).toBe(true);
    const two = resolveShard(config({ shard: '2/3' }))!;
    expect(samplesSources(config({ shard: '2/3' }), two)).toBe(false);
    expect(samplesSources(config({ shard: '1/3' }), resolveShard(config({ shard: '1/3' })))).toBe(true);
    const c = config({ shard: '2/3', sources: { shard: 2 } });
    expect(samplesSources(c, resolveShard(c))).toBe(true);
  });

  it('refuses a sampling shard that does not exist', () => {
    expect(() => resolveShard(config({ shard: '1/2', sources: { shard: 3 } }))).toThrow(
      /sources.shard: 3 is not one of the 2 shards/,
    );
  });
});

describe('shardPlan', () => {
  it('N shards send the whole plan between them, each 1/N', () => {
    const whole = buildEnginePlan(config());
    const shards = [1, 2, 3].map((index) => shardPlan(whole, { index, count: 3 }));
    const count = (p: typeof whole) => (p.model.kind === 'open' ? expectedRequests(p.model.segments) : 0);
    shards.forEach((s) => expect(count(s)).toBeCloseTo(count(whole) / 3, 6));
    expect(new Set(shards.map((s) => s.seed)).size).toBe(3);
  });
});

describe('planFingerprint', () => {
  const fp = (over: Partial<ConfigInput> = {}, count = 3) => planFingerprint(buildEnginePlan(config(over)), count);

  it('is the same for every shard of a plan and ignores header values (per-shard credentials)', () => {
    const whole = buildEnginePlan(config());
    expect(describeShard(whole, { index: 1, count: 3 }).fingerprint).toBe(
      describeShard(whole, { index: 3, count: 3 }).fingerprint,
    );
    expect(fp({ headers: { Authorization: 'Bearer a' } })).toBe(fp({ headers: { Authorization: 'Bearer b' } }));
    expect(describeShard(whole, { index: 2, count: 3 }).shard).toEqual({ index: 2, count: 3 });
  });

  it('changes with what decides the load', () => {
    const base = fp();
    expect(fp({ load: { rate: 301, duration: '10s', warmup: '2s' } })).not.toBe(base);
    expect(fp({ load: { rate: 300, duration: '11s', warmup: '2s' } })).not.toBe(base);
    expect(fp({ endpoints: [{ path: '/a' }, { path: '/c', weight: 3 }] })).not.toBe(base);
    expect(fp({ endpoints: [{ path: '/a' }, { path: '/b', weight: 2 }] })).not.toBe(base);
    expect(fp({ target: 'http://127.0.0.1:8001' })).not.toBe(base);
    expect(fp({}, 4)).not.toBe(base);
    expect(fp({ headers: { 'X-Extra': '1' } })).not.toBe(base);
  });
});
