import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../../src/compare/compare.js';
import type { Comparison, FigureComparison } from '../../../src/compare/compare.js';
import { buildRunResult, finding } from '../../support/result-builder.js';
import type { RunSpec } from '../../support/result-builder.js';

const figure = (c: Comparison, id: string): FigureComparison => {
  const f = c.figures.find((x) => x.id === id);
  if (!f) throw new Error(`no figure ${id} in ${c.figures.map((x) => x.id).join(', ')}`);
  return f;
};

const run = (spec: Partial<RunSpec> & { seed: number }) =>
  buildRunResult({ seconds: 30, rps: 50, median_ms: 40, ...spec });

describe('compareRuns on pairs of runs', () => {
  it('reads a halved latency as improved on every percentile, with its interval, and no gate regression', () => {
    const c = compareRuns(run({ seed: 1 }), run({ seed: 2, median_ms: 20 }));
    for (const id of ['latency.p50', 'latency.p95', 'latency.p99']) {
      const f = figure(c, id);
      expect(f.verdict, `${id}: ${f.reason}`).toBe('improved');
      expect(f.method).toBe('quantile-interval');
      expect(f.interval!.change.high!).toBeLessThan(0);
      expect(f.interval!.before.low!).toBeLessThanOrEqual(f.before!);
      expect(f.interval!.before.high!).toBeGreaterThanOrEqual(f.before!);
      expect(f.reason).toMatch(/99% CI −\d.*beyond the minimum effect/);
      expect(f.relative!).toBeLessThan(-0.4);
    }
    expect(['unchanged', 'inconclusive']).toContain(figure(c, 'rps').verdict);
    expect(c.gate_regressions).toEqual([]);
    expect(c.confidence).toBe(0.99);
  });

  it('reads doubled latency and 3 % errors as regressions of the gate figures', () => {
    const c = compareRuns(run({ seed: 3 }), run({ seed: 4, median_ms: 80, error_rate: 0.03 }));
    expect(figure(c, 'latency.p95').verdict).toBe('regressed');
    expect(figure(c, 'latency.p99').verdict).toBe('regressed');
    const errors = figure(c, 'error_rate');
    expect(errors.verdict).toBe('regressed');
    expect(errors.method).toBe('share-interval');
    expect(errors.interval!.change.scale).toBe('absolute');
    expect(errors.after!).toBeGreaterThan(0.02);
    expect(c.gate_regressions).toEqual(expect.arrayContaining(['latency.p95', 'latency.p99', 'error_rate']));
    expect(c.gate_regressions).not.toContain('latency.p50');
  });

  it('reads lower successful throughput at the same target rate as a gate regression, answered rate beside it', () => {
    const before = run({ seed: 5 });
    const after = run({ seed: 6, rps: 35 });
    after.summary.target_rps = before.summary.target_rps;
    const c = compareRuns(before, after);
    expect(figure(c, 'success_rps').verdict).toBe('regressed');
    expect(figure(c, 'success_rps').method).toBe('rate-interval');
    expect(figure(c, 'rps')).toMatchObject({ verdict: 'regressed', gate: false, label: 'Answered throughput' });
    expect(c.gate_regressions).toContain('success_rps');
    expect(c.gate_regressions).not.toContain('rps');
  });

  it('reads every request failing as successful throughput regressed 50 → 0, however bursty the failures', () => {
    const before = run({ seed: 7 });
    const after = run({ seed: 8, error_rate: 1 });
    // The timeouts land in bursts: nothing answered for 10 s, then 100 a second.
    after.timeline.forEach((row, t) => {
      row.requests = row.errors = t < 10 ? 0 : t < 25 ? 100 : 0;
    });
    const c = compareRuns(before, after);
    const success = figure(c, 'success_rps');
    expect(success).toMatchObject({ before: 50, after: 0, verdict: 'regressed' });
    expect(success.interval!.change.high!).toBeLessThan(-0.9);
    expect(figure(c, 'rps').verdict).toBe('inconclusive');
    expect(c.gate_regressions).toContain('success_rps');
  });

  it('never calls a noisy same-server pair regressed: unchanged or inconclusive', () => {
    // A noisy server: each second's median wanders by ±25 %, so run figures differ by 10–20 % by chance.
    for (let pair = 0; pair < 8; pair++) {
      const c = compareRuns(
        run({ seed: 100 + pair, seconds: 15, jitter: 0.25 }),
        run({ seed: 200 + pair, seconds: 15, jitter: 0.25 }),
      );
      for (const id of ['latency.p50', 'latency.p95', 'latency.p99', 'rps', 'error_rate']) {
        const f = figure(c, id);
        expect(['unchanged', 'inconclusive'], `pair ${pair} ${id}: ${f.reason}`).toContain(f.verdict);
      }
      expect(c.gate_regressions).toEqual([]);
    }
  });

  it('keeps a small, real shift unchanged when it is below the minimum effect', () => {
    // Long runs with little noise make a 4 % shift real; it is still not worth a verdict.
    const c = compareRuns(
      run({ seed: 11, seconds: 120, rps: 200, jitter: 0.01 }),
      run({ seed: 12, seconds: 120, rps: 200, jitter: 0.01, median_ms: 41.6 }),
    );
    const f = figure(c, 'latency.p50');
    expect(f.interval!.change.low!).toBeGreaterThan(0);
    expect(f.verdict).toBe('unchanged');
    expect(f.reason).toMatch(/^real but small: .*below the minimum effect/);
  });

  it('reads the 4 s same-server pair of issue 17 as unchanged or inconclusive, saying how short the runs are', () => {
    const c = compareRuns(
      run({ seed: 17, seconds: 4, rps: 100, median_ms: 5 }),
      run({ seed: 18, seconds: 4, rps: 100, median_ms: 5 }),
    );
    const p95 = figure(c, 'latency.p95');
    expect(p95.verdict).toBe('inconclusive');
    expect(p95.reason).toMatch(/^inconclusive — runs too short to tell a change of 10%/);
    expect(c.gates_inconclusive).toContain('latency.p95');
    expect(c.gate_regressions).toEqual([]);
  });

  it('uses one method at every length: a 3 s run with a fourfold latency is still judged by its intervals', () => {
    const c = compareRuns(run({ seed: 31, seconds: 3 }), run({ seed: 32, seconds: 3, median_ms: 160 }));
    const f = figure(c, 'latency.p50');
    expect(f.method).toBe('quantile-interval');
    expect(f.verdict).toBe('regressed');
  });

  it('narrows with the confidence: the same pair at 80 % resolves what 99.9 % cannot', () => {
    const before = run({ seed: 33, seconds: 10, rps: 50 });
    const after = run({ seed: 34, seconds: 10, rps: 50, median_ms: 52 });
    const wide = figure(compareRuns(before, after, { confidence: 0.999 }), 'latency.p95').interval!.change;
    const narrow = figure(compareRuns(before, after, { confidence: 0.8 }), 'latency.p95').interval!.change;
    expect(narrow.high! - narrow.low!).toBeLessThan(wide.high! - wide.low!);
  });
});

describe('compareRuns when the load generator lagged', () => {
  const lagged = (r: ReturnType<typeof run>, p99: number) => {
    r.generator.lagged = true;
    r.generator.schedule_lag_ms = { p50: p99 / 4, p99, max: p99 * 2 };
    return r;
  };

  it('judges a change larger than what the lag explains: regressed, the bound in the Why', () => {
    const c = compareRuns(run({ seed: 3 }), lagged(run({ seed: 4, median_ms: 160 }), 15));
    const p95 = figure(c, 'latency.p95');
    expect(p95.verdict).toBe('regressed');
    expect(p95.reason).toMatch(
      /generator can explain up to 15 ms in the after run \(max\(send lag, event-loop delay\) \+ queue time at p99\)/,
    );
    expect(c.gate_regressions).toContain('latency.p95');
    expect(c.endpoints[0]!.figures.find((f) => f.id === 'latency.p95')!.verdict).toBe('regressed');
  });

  it('adds the queue time the generator recorded to the bound', () => {
    const after = lagged(run({ seed: 4, median_ms: 160 }), 15);
    Object.assign(after.generator, { queue_ms: { p50: 100, p99: 400, max: 500 } });
    const p95 = figure(compareRuns(run({ seed: 3 }), after), 'latency.p95');
    expect(p95.verdict).toBe('inconclusive');
    expect(p95.reason).toMatch(/up to 415 ms in the after run/);
  });

  it('keeps inconclusive only what the lag could explain, with the cause and the fix', () => {
    const c = compareRuns(run({ seed: 3 }), lagged(run({ seed: 4, median_ms: 80 }), 120));
    const p95 = figure(c, 'latency.p95');
    expect(p95.verdict).toBe('inconclusive');
    expect(p95.reason).toMatch(/^inconclusive — the load generator lagged in the after run and the generator/);
    expect(p95.inconclusive).toMatchObject({ cause: 'generator-lagged', fix: expect.stringMatching(/--workers/) });
    expect(c.gate_regressions).not.toContain('latency.p95');
    expect(c.gates_inconclusive).toContain('latency.p95');
  });

  it('never reads an unchanged server regressed when one run lagged', () => {
    for (const seed of [61, 63, 67, 69, 73]) {
      const after = lagged(run({ seed: seed + 1, added_ms: 30 }), 30);
      const c = compareRuns(run({ seed }), after);
      expect(c.gate_regressions).toEqual([]);
      expect(figure(c, 'latency.p95').verdict).toBe('inconclusive');
    }
  });

  it('does not trust "unchanged" when the before run lagged: its delay could hide a regression', () => {
    const before = lagged(run({ seed: 71, median_ms: 40 }), 60);
    const c = compareRuns(before, run({ seed: 72, median_ms: 40 }));
    expect(figure(c, 'latency.p95').verdict).toBe('inconclusive');
  });
});

describe('compareRuns with renamed endpoints', () => {
  it('pairs endpoints by --map before=after and compares them as one', () => {
    const before = run({ seed: 81, endpoints: [{ name: 'old-home', path: '/' }] });
    const after = run({ seed: 82, endpoints: [{ name: 'home', path: '/' }] });
    expect(compareRuns(before, after).gates_compared).toEqual([]);
    const c = compareRuns(before, after, { map: { 'old-home': 'home' } });
    expect(c.scope).toBe('full');
    expect(c.endpoints.map((e) => e.name)).toEqual(['home']);
    expect(c.gates_compared).toEqual(expect.arrayContaining(['latency.p95', 'latency.p99', 'error_rate']));
    expect(c.endpoint_map).toEqual({ 'old-home': 'home' });
  });
});

describe('compareRuns on mismatched runs', () => {
  it('compares only the shared endpoints and lists the rest', () => {
    const before = run({
      seed: 41,
      endpoints: [
        { name: 'home', path: '/' },
        { name: 'search', path: '/search', slowdown: 10 },
      ],
    });
    const after = run({
      seed: 42,
      endpoints: [
        { name: 'home', path: '/' },
        { name: 'about', path: '/about' },
      ],
    });
    const c = compareRuns(before, after);
    expect(c.scope).toBe('shared-endpoints');
    expect(c.endpoints.map((e) => e.name)).toEqual(['home']);
    expect(c.not_comparable.join('\n')).toMatch(/only in the before run.*search/);
    expect(c.not_comparable.join('\n')).toMatch(/only in the after run.*about/);
    // The slow "search" endpoint must not leak into the run-level p95: it is the shared endpoint's own p95.
    const p95 = figure(c, 'latency.p95');
    expect(p95.before).toBe(before.endpoints.home!.summary.latency_ms.p95);
    expect(p95.after).toBe(after.endpoints.home!.summary.latency_ms.p95);
    expect(['unchanged', 'inconclusive']).toContain(p95.verdict);
    expect(p95.method).toBe('quantile-interval');
    // Each shared endpoint's share of the load depends on the mix: throughput is not comparable.
    expect(figure(c, 'rps').verdict).toBe('not-comparable');
    expect(figure(c, 'success_rps').verdict).toBe('not-comparable');
  });

  it('says when the targets, the model or the target rate differ', () => {
    const before = run({ seed: 51, target: 'http://127.0.0.1:8000' });
    const after = run({ seed: 52, target: 'http://127.0.0.1:9000', rps: 100 });
    const c = compareRuns(before, after);
    expect(c.not_comparable.join('\n')).toMatch(
      /different targets \(http:\/\/127\.0\.0\.1:8000 vs http:\/\/127\.0\.0\.1:9000\)/,
    );
    const rps = figure(c, 'rps');
    expect(rps.verdict).toBe('not-comparable');
    expect(rps.reason).toMatch(/target rates differ/);
    expect(c.gate_regressions).not.toContain('rps');
  });

  it('marks a figure measured in only one run as not comparable', () => {
    const before = run({ seed: 61, evidence: { cache: { hit_ratio: 0.9, hits: 900, misses: 100 } } });
    const after = run({ seed: 62 });
    const c = compareRuns(before, after);
    expect(figure(c, 'cache.hit_ratio').verdict).toBe('not-comparable');
    expect(c.not_comparable.join('\n')).toMatch(/Redis hit ratio: measured only in the before run/);
    expect(c.figures.find((f) => f.id === 'queues.depth_max')).toBeUndefined();
  });
});

describe('compareRuns on evidence, rules, gates and scores', () => {
  const before = run({
    seed: 71,
    evidence: {
      db: {
        queries_per_request: 12,
        blks_read: 6000,
        blks_hit: 94_000,
        buffer_hit_ratio: 0.94,
        replica_lag_max_s: 2.5,
      },
      cache: { hit_ratio: 0.92, hits: 9200, misses: 800 },
      queues: { names: ['celery'], depth_max: 400 },
      edge: {
        responses: 1500,
        hits: 300,
        offload_ratio: 0.2,
        bytes_total: 3_000_000,
        bytes_from_cache: 600_000,
        cache_status: {},
        cache_control: {},
        content_encoding: {},
        cookies: [],
        vary: {},
        vary_on_cacheable: {},
        tracing: { traceparent: 0, request_id: 0, server_timing: 0 },
        retry_after: { with: 0, without: 0 },
        per_endpoint: {},
      },
    },
    findings: [
      finding('db.n-plus-one', 'Database', 'fail'),
      finding('cache.hit-ratio', 'Caching', 'pass'),
      finding('edge.protocol', 'Edge/CDN', 'not-measured'),
      finding('obs.tracing', 'Observability', 'warn'),
    ],
    gates: [
      { id: 'slo.p95', passed: true, value: 90, threshold: 300 },
      { id: 'budget.queries_per_request', passed: false, value: 12, threshold: 10 },
    ],
    score: { overall: 60, categories: { Database: 30, Caching: 100 } },
  });
  const after = run({
    seed: 72,
    evidence: {
      db: { queries_per_request: 3, blks_read: 500, blks_hit: 99_500, buffer_hit_ratio: 0.995, replica_lag_max_s: 0.2 },
      cache: { hit_ratio: 0.6, hits: 6000, misses: 4000 },
      queues: { names: ['celery'], depth_max: 20 },
      edge: { ...before.evidence.edge!, hits: 1200, offload_ratio: 0.8, bytes_from_cache: 2_400_000 },
    },
    findings: [
      finding('db.n-plus-one', 'Database', 'pass'),
      finding('cache.hit-ratio', 'Caching', 'warn'),
      finding('edge.protocol', 'Edge/CDN', 'pass'),
      finding('obs.tracing', 'Observability', 'warn'),
    ],
    gates: [
      { id: 'slo.p95', passed: false, value: 310, threshold: 300 },
      { id: 'budget.queries_per_request', passed: true, value: 3, threshold: 10 },
    ],
    score: { overall: 80, categories: { Database: 90, Caching: 50 } },
  });
  const c = compareRuns(before, after);

  it('judges each source figure in its own direction', () => {
    expect(figure(c, 'db.queries_per_request').verdict).toBe('improved');
    expect(figure(c, 'db.blks_read').verdict).toBe('improved');
    expect(figure(c, 'db.buffer_hit_ratio').verdict).toBe('improved');
    expect(figure(c, 'db.replica_lag_max_s').verdict).toBe('improved');
    expect(figure(c, 'cache.hit_ratio').verdict).toBe('regressed');
    expect(figure(c, 'edge.offload_ratio').verdict).toBe('improved');
    expect(figure(c, 'edge.bytes_from_cache').verdict).toBe('improved');
    expect(figure(c, 'queues.depth_max').verdict).toBe('improved');
  });

  it('counts the queries avoided per 1,000 requests', () => {
    expect(c.queries_avoided_per_1000_requests).toBe(9000);
  });

  it('lists only the rules whose status changed, judged pass > warn > fail', () => {
    expect(c.rules.map((r) => [r.id, r.before, r.after, r.verdict])).toEqual([
      ['db.n-plus-one', 'fail', 'pass', 'improved'],
      ['cache.hit-ratio', 'pass', 'warn', 'regressed'],
      ['edge.protocol', 'not-measured', 'pass', 'not-comparable'],
    ]);
  });

  it('flags a gate that passed before and fails after as a gate regression', () => {
    expect(c.gates.find((g) => g.id === 'slo.p95')?.verdict).toBe('regressed');
    expect(c.gates.find((g) => g.id === 'budget.queries_per_request')?.verdict).toBe('improved');
    expect(c.gate_regressions).toContain('gate:slo.p95');
    expect(c.gate_regressions).not.toContain('gate:budget.queries_per_request');
  });

  it('compares the score per category', () => {
    expect(figure(c, 'score.overall').verdict).toBe('improved');
    expect(figure(c, 'score.Database').delta).toBe(60);
    expect(figure(c, 'score.Caching').verdict).toBe('regressed');
  });

  it('counts the verdicts of the run-level figures', () => {
    const total = Object.values(c.counts).reduce((s, n) => s + n, 0);
    expect(total).toBe(c.figures.length);
    expect(c.counts.improved).toBe(c.figures.filter((f) => f.verdict === 'improved').length);
  });
});
