import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBaseline, listRuns } from '../../../src/history/query.js';
import { recordRun } from '../../../src/history/record.js';
import { withHistory } from '../../../src/history/store.js';
import { buildRunResult } from '../../support/result-builder.js';
import type { RunResult } from '../../../src/result/run-result.js';

let dir: string;
let file: string;
let commits: string[];
const runs: RunResult[] = [];

const at = (i: number): Partial<RunResult> => ({
  started_at: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
  start_ms: Date.UTC(2026, 0, 1, 0, i),
});

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sa-query-'));
  file = join(dir, 'h.db');
  const git = (...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...args], { cwd: dir })
      .toString()
      .trim();
  git('init', '-q', '-b', 'main');
  commits = [];
  for (let i = 0; i < 4; i++) {
    git('commit', '-q', '--allow-empty', '-m', `c${i}`);
    commits.push(git('rev-parse', 'HEAD'));
    const passed = i !== 3;
    const run = {
      ...buildRunResult({ seed: i, seconds: 3, gates: [{ id: 'slo.p95', passed, value: 1, threshold: 2 }] }),
      ...at(i),
    };
    runs.push(run);
    recordRun(run, { file, kind: 'run', cwd: dir, env: {}, label: i % 2 ? 'odd' : 'even' });
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('listRuns', () => {
  it('lists oldest first, filtered by label, branch and the last N', () => {
    withHistory(file, false, (store) => {
      expect(listRuns(store).map((r) => r.id)).toEqual([1, 2, 3, 4]);
      expect(listRuns(store, { label: 'odd' }).map((r) => r.id)).toEqual([2, 4]);
      expect(listRuns(store, { last: 2 }).map((r) => r.id)).toEqual([3, 4]);
      expect(listRuns(store, { branch: 'main' })).toHaveLength(4);
      expect(listRuns(store, { branch: 'other' })).toHaveLength(0);
      expect(listRuns(store)[2]!.git_commit).toBe(commits[2]);
    });
  });
});

describe('findBaseline', () => {
  it('last: the most recent run other than the after run itself', () => {
    const b = withHistory(file, false, (s) => findBaseline(s, 'last', runs[3]!, dir));
    expect(b.id).toBe(3);
    expect(b.result.started_at).toBe(runs[2]!.started_at);
  });

  it('last-passing: skips the run whose gate failed', () => {
    const fresh = { ...runs[0]!, ...at(9) };
    expect(withHistory(file, false, (s) => findBaseline(s, 'last-passing', fresh, dir)).id).toBe(3);
  });

  it('a run id, and a git ref resolved in the checkout', () => {
    const fresh = { ...runs[0]!, ...at(9) };
    expect(withHistory(file, false, (s) => findBaseline(s, '2', fresh, dir)).id).toBe(2);
    expect(withHistory(file, false, (s) => findBaseline(s, 'HEAD~2', fresh, dir)).id).toBe(2);
    expect(() => withHistory(file, false, (s) => findBaseline(s, 'no-such-ref', fresh, dir))).toThrow(
      /not last, last-passing, a run id, or a git ref/,
    );
    expect(() => withHistory(file, false, (s) => findBaseline(s, '99', fresh, dir))).toThrow(/no run #99/);
  });
});
