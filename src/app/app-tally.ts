/**
 * The app's figures of a set of requests, as sums and HDR histograms (so workers, shards and endpoints add up
 * exactly), and the AppFigures read from them. Pure apart from the histograms' own memory.
 */
import {
  createHistogram,
  encodeHistogram,
  readHistogram,
  recordMs,
  summarizeHistogram,
  type Histogram,
} from '../load/histogram.js';
import type { AppFigures, AppPercentiles, AppTotals } from '../result/run-result.js';
import type { AppSample } from './wire-format.js';

/** Distinct most-repeated statements kept per endpoint: the top one is what is reported. */
const MAX_STATEMENTS = 32;

const round = (x: number): number => Math.round(x * 1000) / 1000;

function percentiles(h: Histogram): AppPercentiles {
  const { p50, p95, p99 } = summarizeHistogram(h);
  return { p50, p95, p99 };
}

function addCounts(into: Record<string, number>, from: Record<string, number>): void {
  for (const [k, n] of Object.entries(from)) into[k] = (into[k] ?? 0) + n;
}

function keepTop(counts: Record<string, number>): Record<string, number> {
  const entries = Object.entries(counts);
  if (entries.length <= MAX_STATEMENTS) return counts;
  return Object.fromEntries(entries.sort((a, b) => b[1] - a[1]).slice(0, MAX_STATEMENTS));
}

export class AppTally {
  responses = 0;
  without = 0;
  readonly totals: AppTotals = {
    queries: 0,
    duplicates: 0,
    cache_hits: 0,
    cache_misses: 0,
    queued_responses: 0,
    tasks: {},
    duplicate_statements: {},
  };
  private readonly app = createHistogram();
  private readonly outside = createHistogram();
  private readonly queued = createHistogram();
  private readonly db = createHistogram();

  add(sample: AppSample, serviceMs: number): void {
    const t = this.totals;
    this.responses++;
    recordMs(this.app, sample.appMs);
    recordMs(this.outside, Math.max(0, serviceMs - sample.appMs));
    recordMs(this.db, sample.dbMs);
    if (sample.queueMs !== undefined) {
      t.queued_responses++;
      recordMs(this.queued, sample.queueMs);
    }
    t.queries += sample.queries;
    t.duplicates += sample.duplicates;
    t.cache_hits += sample.cacheHits;
    t.cache_misses += sample.cacheMisses;
    for (const queue in sample.tasks) t.tasks[queue] = (t.tasks[queue] ?? 0) + sample.tasks[queue]!;
    const top = sample.topDuplicate;
    if (top && (top.statement in t.duplicate_statements || this.statementRoom()))
      t.duplicate_statements[top.statement] = (t.duplicate_statements[top.statement] ?? 0) + top.n;
  }

  /** Adds stored figures (another worker's, shard's or endpoint's). */
  addFigures(f: AppFigures): void {
    const t = this.totals;
    this.responses += f.responses;
    this.without += f.without;
    for (const key of ['queries', 'duplicates', 'cache_hits', 'cache_misses', 'queued_responses'] as const)
      t[key] += f.totals[key];
    addCounts(t.tasks, f.totals.tasks);
    addCounts(t.duplicate_statements, f.totals.duplicate_statements);
    this.app.add(readHistogram(f.histograms.app));
    this.outside.add(readHistogram(f.histograms.outside_app));
    this.queued.add(readHistogram(f.histograms.queued));
    this.db.add(readHistogram(f.histograms.db));
  }

  figures(): AppFigures {
    const t = { ...this.totals, duplicate_statements: keepTop(this.totals.duplicate_statements) };
    const per = (n: number): number => (this.responses > 0 ? round(n / this.responses) : 0);
    const top = Object.entries(t.duplicate_statements).sort((a, b) => b[1] - a[1])[0];
    const db = percentiles(this.db);
    return {
      responses: this.responses,
      without: this.without,
      app_ms: percentiles(this.app),
      outside_app_ms: percentiles(this.outside),
      ...(t.queued_responses > 0 ? { queued_ms: percentiles(this.queued) } : {}),
      db_ms: { p50: db.p50, p95: db.p95 },
      queries_per_request: per(t.queries),
      duplicate_queries_per_request: per(t.duplicates),
      cache_hits_per_request: per(t.cache_hits),
      cache_misses_per_request: per(t.cache_misses),
      tasks_per_request: Object.fromEntries(Object.entries(t.tasks).map(([q, n]) => [q, per(n)])),
      ...(top ? { top_duplicate: { statement: top[0], per_request: per(top[1]) } } : {}),
      totals: t,
      histograms: {
        app: encodeHistogram(this.app),
        outside_app: encodeHistogram(this.outside),
        queued: encodeHistogram(this.queued),
        db: encodeHistogram(this.db),
      },
    };
  }

  private statementRoom(): boolean {
    return Object.keys(this.totals.duplicate_statements).length < MAX_STATEMENTS * 4;
  }
}

/** Figures of several parts as one: exact (sums and HDR addition). */
export function mergeAppFigures(parts: readonly AppFigures[]): AppFigures {
  const tally = new AppTally();
  for (const p of parts) tally.addFigures(p);
  return tally.figures();
}
