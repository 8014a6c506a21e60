import { describe, expect, it } from 'vitest';
import { compareRuns } from '../../../src/compare/compare.js';
import { AppTally } from '../../../src/app/app-tally.js';
import type { RunResult } from '../../../src/result/run-result.js';
import { buildRunResult } from '../../support/result-builder.js';

/** A run whose first endpoint's requests each reported `queries` statements, `duplicates` of them repeated. */
function withApp(seed: number, queries: number, duplicates: number): RunResult {
  const run = buildRunResult({ seed, seconds: 10, rps: 50 });
  const tally = new AppTally();
  for (let i = 0; i < 500; i++)
    tally.add({ appMs: 10, dbMs: 2, queries, duplicates, cacheHits: 0, cacheMisses: 0, tasks: {} }, 12);
  const [name] = Object.keys(run.endpoints);
  run.endpoints[name!]!.app = tally.figures();
  return run;
}

describe("compare: the app's own counts per endpoint", () => {
  it('an N+1 brought back reads as a regression of queries and repeated queries per request', () => {
    const c = compareRuns(withApp(1, 1, 0), withApp(2, 11, 10));
    const figures = c.endpoints.flatMap((e) => e.figures);
    expect(figures.find((f) => f.id === 'app.queries_per_request')).toMatchObject({
      before: 1,
      after: 11,
      verdict: 'regressed',
    });
    expect(figures.find((f) => f.id === 'app.duplicate_queries_per_request')?.verdict).toBe('regressed');
  });

  it('the same counts read unchanged, and runs without app figures have no such row', () => {
    const same = compareRuns(withApp(1, 3, 0), withApp(2, 3, 0)).endpoints.flatMap((e) => e.figures);
    expect(same.find((f) => f.id === 'app.queries_per_request')?.verdict).toBe('unchanged');
    const plain = compareRuns(buildRunResult({ seed: 1, seconds: 10 }), buildRunResult({ seed: 2, seconds: 10 }));
    expect(plain.endpoints.flatMap((e) => e.figures).some((f) => f.id.startsWith('app.'))).toBe(false);
  });
});
