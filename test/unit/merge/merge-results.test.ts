import { describe, expect, it } from 'vitest';
import { mergeShardResults } from '../../../src/merge/merge-results.js';
import type { RunResult } from '../../../src/result/run-result.js';
import type { Evidence } from '../../../src/result/evidence.js';
import { EdgeRecorder } from '../../../src/edge/edge-recorder.js';
import { ConfigError } from '../../../src/errors.js';
import { healthyGenerator, outcomeOf } from '../../support/recorded-events.js';
import { SHARD_CONFIG, ev, shardResult, type ShardOptions } from '../../support/shard-results.js';

const input = SHARD_CONFIG;

const T0 = 1_700_000_000_000; // a whole second

const lagging = healthyGenerator({
  lagged: true,
  reason: 'requests left up to 40 ms late (p99) against the schedule',
  cpu_ratio: 0.5,
});

describe('mergeShardResults', () => {
  const s1 = [ev(0, 100, 5), ev(1, 1100, 7), ev(0, 2100, 9)];
  const s2 = [ev(0, 200, 50, 'timeout'), ev(1, 900, 6), ev(1, 2900, 8, 'http')];
  const s3 = [ev(0, 50, 4), ev(0, 60, 4), ev(1, 1500, 300)];
  const shards = () => [
    { file: 'shard-2.json', result: shardResult({ index: 2, startMs: T0 + 900, events: s2, generator: lagging }) },
    { file: 'shard-1.json', result: shardResult({ index: 1, startMs: T0 + 300, events: s1 }) },
    { file: 'shard-3.json', result: shardResult({ index: 3, startMs: T0 + 1200, events: s3 }) },
  ];

  it('adds up exactly: the summary and histograms of one recorder that saw every response', () => {
    const { result } = mergeShardResults(shards());
    const one = outcomeOf([...s1, ...s2, ...s3], 2, 3, {}, 300);
    expect(result.summary).toEqual(one.summary);
    expect(result.histograms).toEqual(one.histograms);
    expect(result.endpoints.a!.summary).toEqual(one.endpoints[0]!.summary);
    expect(result.endpoints.b!.histograms).toEqual(one.endpoints[1]!.histograms);
    expect(result.summary.target_rps).toBe(300);
    expect(result.summary.errors_by_class).toMatchObject({ timeout: 1, http: 1 });
  });

  it('aligns timelines on wall-clock seconds: row t of a shard lands at floor(start_ms / 1000) + t', () => {
    const { result } = mergeShardResults(shards());
    expect(result.start_ms).toBe(T0);
    // shard 1 (starts in second 0): rows 0,1,2 → 0,1,2; shard 2 (second 0): 0,1,2 → 0,1,2; shard 3 (second
    // 1): 0,1 → 1,2.
    expect(result.timeline.map((r) => [r.t, r.requests])).toEqual([
      [0, 1 + 2],
      [1, 1 + 2],
      [2, 1 + 1 + 1],
    ]);
    expect(result.timeline[1]!.p99).toBeCloseTo(7, 1);
    expect(result.timeline[2]!.p99).toBeCloseTo(300, 0);
    expect(result.timeline[0]!.errors_by_class).toEqual({ timeout: 1 });
  });

  it('keeps the plan (without the shard), names lagging shards, and leaves findings for the audit', () => {
    const { result, warnings } = mergeShardResults(shards());
    expect(result.plan.shard).toBeUndefined();
    expect(result.plan.shards).toBe(3);
    expect(result.plan.workers).toBe(6);
    expect(result.plan.rate).toBe(300);
    expect(result.plan.fingerprint).toBe(shards()[0]!.result.plan.fingerprint);
    expect(result.config.shard).toBeUndefined();
    expect(result.generator.lagged).toBe(true);
    expect(result.generator.reason).toBe('shard 2: requests left up to 40 ms late (p99) against the schedule');
    expect(result.partial).toBe(false);
    expect(result.findings).toEqual([]);
    expect(warnings).toEqual([]);
  });

  it('warns when shards started more than a second apart', () => {
    const { warnings } = mergeShardResults([
      { file: 'a', result: shardResult({ index: 1, count: 2, startMs: T0, events: s1 }) },
      { file: 'b', result: shardResult({ index: 2, count: 2, startMs: T0 + 4000, events: s2 }) },
    ]);
    expect(warnings.join()).toMatch(/started up to 4\.0 s apart/);
  });

  it('sources from the sampling shard; db figures per request of all shards; edge statistics from all', () => {
    const edge = (hit: boolean) => {
      const r = new EdgeRecorder();
      r.observe('a', 200, { 'x-cache': hit ? 'HIT' : 'MISS' }, 10);
      return r.evidence();
    };
    const sampled: Evidence = {
      db: {
        queries_total: 90,
        queries_per_request: 30,
        statements: [
          {
            queryid: '1',
            query: 'select 1',
            where: 'primary',
            calls: 45,
            total_ms: 9,
            mean_ms: 0.2,
            rows: 45,
            calls_per_request: 15,
          },
        ],
      },
      cache: { hit_ratio: 0.9 },
      edge: edge(true),
    };
    const first = shardResult({ index: 1, startMs: T0, events: s1, evidence: sampled });
    first.sources = {
      postgres: { id: 'postgres', kind: 'postgres', description: 'db', series: [], gaps: [], deltas: { calls: 90 } },
    };
    const { result } = mergeShardResults([
      { file: 'a', result: first },
      { file: 'b', result: shardResult({ index: 2, startMs: T0, events: s2, evidence: { edge: edge(false) } }) },
      { file: 'c', result: shardResult({ index: 3, startMs: T0, events: s3, evidence: { edge: edge(false) } }) },
    ]);
    expect(Object.keys(result.sources)).toEqual(['postgres']);
    expect(result.evidence.cache).toEqual({ hit_ratio: 0.9 });
    expect(result.summary.requests).toBe(9);
    expect(result.evidence.db?.queries_per_request).toBe(10);
    expect(result.evidence.db?.statements?.[0]?.calls_per_request).toBe(5);
    expect(result.evidence.edge?.responses).toBe(3);
    expect(result.evidence.edge?.hits).toBe(1);
  });
});

describe('mergeShardResults refuses what is not one run', () => {
  const one = (o: Partial<ShardOptions> & { index: number }) =>
    shardResult({ startMs: T0, events: [ev(0, 10, 1)], ...o });
  const refuses = (shards: { file: string; result: RunResult }[], message: RegExp, allowMissing = false) => {
    expect(() => mergeShardResults(shards, { allowMissing })).toThrow(ConfigError);
    expect(() => mergeShardResults(shards, { allowMissing })).toThrow(message);
  };

  it('different plans (fingerprint)', () => {
    refuses(
      [
        { file: 'a.json', result: one({ index: 1, count: 2 }) },
        {
          file: 'b.json',
          result: one({ index: 2, count: 2, config: { ...input, load: { rate: 500, duration: '3s' } } }),
        },
      ],
      /a\.json and b\.json ran different plans \(fingerprint [0-9a-f]{16} vs [0-9a-f]{16}\)/,
    );
  });

  it('a shard given twice', () => {
    refuses(
      [
        { file: 'a.json', result: one({ index: 1, count: 2 }) },
        { file: 'b.json', result: one({ index: 1, count: 2 }) },
      ],
      /a\.json and b\.json are both shard 1\/2/,
    );
  });

  it('different scale-audit versions', () => {
    refuses(
      [
        { file: 'a.json', result: one({ index: 1, count: 2 }) },
        { file: 'b.json', result: one({ index: 2, count: 2, version: '9.9.9' }) },
      ],
      /version mismatch: .* b\.json by 9\.9\.9/,
    );
  });

  it('different shard counts', () => {
    refuses(
      [
        { file: 'a.json', result: one({ index: 1, count: 2 }) },
        { file: 'b.json', result: one({ index: 2, count: 3 }) },
      ],
      /shard 1\/2 but b\.json is shard 2\/3/,
    );
  });

  it('a result that is not a shard', () => {
    const { shard: _s, ...plan } = one({ index: 1, count: 2 }).plan;
    refuses(
      [{ file: 'run.json', result: { ...one({ index: 1, count: 2 }), plan } }],
      /run\.json is not a shard result/,
    );
  });

  it('a missing shard, unless a partial merge is asked for', () => {
    const shards = [
      { file: 'a.json', result: one({ index: 1, count: 3 }) },
      { file: 'c.json', result: one({ index: 3, count: 3 }) },
    ];
    refuses(shards, /shard 2 of 3 missing \(got 1, 3\); pass --partial/);
    const { result, warnings } = mergeShardResults(shards, { allowMissing: true });
    expect(result.partial).toBe(true);
    expect(result.stop_reason).toBe('shard 2 of 3 missing');
    expect(result.summary.requests).toBe(2);
    expect(warnings.join()).toMatch(/merged 2 of 3 shards/);
  });
});
