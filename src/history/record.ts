/**
 * recordRun: puts one finished result in the history store. `run`, `merge` and `capacity` call it; the
 * result is redacted again before it is stored (secrets never reach the file).
 */
import { createHash } from 'node:crypto';
import type { RunResult } from '../result/run-result.js';
import { redactDeep } from '../util/redact.js';
import { gitIdentity } from './git.js';
import type { GitIdentity } from './git.js';
import { DEFAULT_HISTORY_FILE, withHistory } from './store.js';
import type { HistoryStore } from './store.js';

export type RecordKind = 'run' | 'merge' | 'capacity' | 'drill';

export interface RecordOptions {
  /** The store file (default .scale-audit/history.db); ignored when `store` is given. */
  file?: string;
  store?: HistoryStore;
  kind: RecordKind;
  label?: string;
  /** Extra figures of the kind (capacity: the knee, the limit), stored as JSON beside the result. */
  details?: Record<string, unknown>;
  /** Where git is asked for the commit and branch (default: the current directory). */
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** When the run was recorded (default: now). */
  now?: Date;
}

export interface RecordedRun {
  id: number;
  file: string;
}

/** Config words that say where output goes, not what was run: left out of the config hash. */
const OUTPUT_WORDS = new Set(['out', 'report_out', 'format', 'quiet', 'history']);

/** A short hash of the run's (redacted) config, keys sorted, output words left out. */
export function configHash(config: Record<string, unknown>): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canonical)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, x]) => [k, canonical(x)]),
          )
        : v;
  const relevant = Object.fromEntries(Object.entries(config).filter(([k]) => !OUTPUT_WORDS.has(k)));
  return createHash('sha256')
    .update(JSON.stringify(canonical(relevant)))
    .digest('hex')
    .slice(0, 12);
}

const INSERT = `INSERT INTO runs (kind, recorded_at, started_at, start_ms, duration_s, target, git_commit, git_branch,
  config_hash, label, partial, requests, rps, error_rate, p50_ms, p95_ms, p99_ms, score, gates_passed, gates, details,
  result) VALUES (@kind, @recorded_at, @started_at, @start_ms, @duration_s, @target, @git_commit, @git_branch,
  @config_hash, @label, @partial, @requests, @rps, @error_rate, @p50_ms, @p95_ms, @p99_ms, @score, @gates_passed,
  @gates, @details, @result)`;

function rowOf(result: RunResult, options: RecordOptions, git: GitIdentity): Record<string, unknown> {
  const stored = redactDeep(result);
  const { summary } = stored;
  return {
    kind: options.kind,
    recorded_at: (options.now ?? new Date()).toISOString(),
    started_at: stored.started_at,
    start_ms: Math.round(stored.start_ms),
    duration_s: stored.duration_s,
    target: stored.plan.target,
    git_commit: git.commit,
    git_branch: git.branch,
    config_hash: configHash(stored.config),
    label: options.label ?? null,
    partial: stored.partial ? 1 : 0,
    requests: summary.requests,
    rps: summary.rps,
    error_rate: summary.error_rate,
    p50_ms: summary.latency_ms.p50,
    p95_ms: summary.latency_ms.p95,
    p99_ms: summary.latency_ms.p99,
    score: stored.score.overall,
    gates_passed: stored.gates.length ? (stored.gates.every((g) => g.passed) ? 1 : 0) : null,
    gates: JSON.stringify(stored.gates),
    details: options.details ? JSON.stringify(redactDeep(options.details)) : null,
    result: JSON.stringify(stored),
  };
}

export function recordRun(result: RunResult, options: RecordOptions): RecordedRun {
  const git = gitIdentity(options.cwd ?? process.cwd(), options.env ?? process.env);
  const insert = (store: HistoryStore): RecordedRun => {
    const info = store.db.transaction(() => store.db.prepare(INSERT).run(rowOf(result, options, git))).immediate();
    return { id: Number(info.lastInsertRowid), file: store.file };
  };
  if (options.store) return insert(options.store);
  return withHistory(options.file ?? DEFAULT_HISTORY_FILE, true, insert);
}
