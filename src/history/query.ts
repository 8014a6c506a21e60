/** Reading the history: the list of recorded runs, one run's result, and the baseline `compare` asks for. */
import { ConfigError } from '../errors.js';
import { parseRunResult } from '../result/read-result.js';
import type { RunResult } from '../result/run-result.js';
import { resolveGitRef } from './git.js';
import type { HistoryStore } from './store.js';

export interface HistoryRow {
  id: number;
  kind: string;
  recorded_at: string;
  started_at: string;
  start_ms: number;
  duration_s: number;
  target: string;
  git_commit: string | null;
  git_branch: string | null;
  config_hash: string;
  label: string | null;
  partial: boolean;
  requests: number;
  rps: number;
  error_rate: number;
  p50_ms: number;
  p95_ms: number;
  p99_ms: number;
  score: number | null;
  /** true: every gate passed; false: one failed; null: the run had no gate. */
  gates_passed: boolean | null;
}

export interface HistoryFilter {
  label?: string;
  branch?: string;
  /** Only the most recent N (listed oldest first). */
  last?: number;
}

const COLUMNS = `id, kind, recorded_at, started_at, start_ms, duration_s, target, git_commit, git_branch, config_hash,
  label, partial, requests, rps, error_rate, p50_ms, p95_ms, p99_ms, score, gates_passed`;

type RawRow = Omit<HistoryRow, 'partial' | 'gates_passed'> & { partial: number; gates_passed: number | null };

const toRow = (r: RawRow): HistoryRow => ({
  ...r,
  partial: r.partial === 1,
  gates_passed: r.gates_passed === null ? null : r.gates_passed === 1,
});

export function listRuns(store: HistoryStore, filter: HistoryFilter = {}): HistoryRow[] {
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.label !== undefined) {
    where.push('label = @label');
    params.label = filter.label;
  }
  if (filter.branch !== undefined) {
    where.push('git_branch = @branch');
    params.branch = filter.branch;
  }
  const limit = filter.last !== undefined ? ` LIMIT ${Math.max(0, Math.floor(filter.last))}` : '';
  const filters = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const sql = `SELECT ${COLUMNS} FROM runs ${filters} ORDER BY id DESC${limit}`;
  return (store.db.prepare(sql).all(params) as RawRow[]).map(toRow).reverse();
}

export function loadRun(store: HistoryStore, id: number): RunResult {
  const row = store.db.prepare('SELECT result FROM runs WHERE id = ?').get(id) as { result: string } | undefined;
  if (!row) throw new ConfigError(`history ${store.file} has no run #${id}`);
  return parseRunResult(row.result, `${store.file} run #${id}`);
}

export interface Baseline {
  id: number;
  result: RunResult;
}

/** The same run as `after` (it was recorded when it ran): never its own baseline. */
const NOT_AFTER = 'NOT (started_at = @started_at AND start_ms = @start_ms)';

/**
 * `--baseline last | last-passing | <run id> | <git ref>`: the most recent recorded run (other than the
 * after run itself), the most recent whole run whose gates all passed, a run by id, or the most recent run
 * made from the commit a git ref names.
 */
export function findBaseline(store: HistoryStore, spec: string, after: RunResult, cwd: string): Baseline {
  const self = { started_at: after.started_at, start_ms: Math.round(after.start_ms) };
  const pick = (where: string, params: Record<string, unknown>, what: string): Baseline => {
    const sql = `SELECT id FROM runs WHERE ${where} AND kind != 'drill' AND ${NOT_AFTER} ORDER BY id DESC LIMIT 1`;
    const row = store.db.prepare(sql).get({ ...params, ...self }) as { id: number } | undefined;
    if (!row) throw new ConfigError(`--baseline ${spec}: history ${store.file} has no ${what}`);
    return { id: row.id, result: loadRun(store, row.id) };
  };
  if (spec === 'last') return pick('1 = 1', {}, 'recorded run other than the after run');
  if (spec === 'last-passing') return pick('gates_passed = 1 AND partial = 0', {}, 'whole run whose gates all passed');
  if (/^\d+$/.test(spec)) return { id: Number(spec), result: loadRun(store, Number(spec)) };
  const commit = resolveGitRef(spec, cwd);
  if (!commit) throw new ConfigError(`--baseline ${spec}: not last, last-passing, a run id, or a git ref here`);
  return pick('git_commit = @commit', { commit }, `run recorded at ${spec} (${commit.slice(0, 12)})`);
}
