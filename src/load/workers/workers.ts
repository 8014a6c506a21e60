/**
 * Runs a plan on every core: N LoadEngines in worker threads, each with its own undici pools and histograms and
 * 1/N of the plan (split-plan.ts). All workers start on one shared wall-clock instant, chosen once every worker
 * has loaded, so the schedule holds and their timelines line up; their outcomes then merge exactly
 * (merge-outcomes.ts). Same surface as LoadEngine: run(), stop(reason), progress(), EngineHooks.onSecond (merged
 * rows) and onStart; not onResponse — each worker's edge statistics come back merged in LoadOutcome.edge.
 */
import type { ResponseSink } from '../response-sink.js';
import { Worker } from 'node:worker_threads';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { LoadEngine, type EngineHooks, type EnginePlan, type LoadOutcome, type Progress } from '../engine.js';
import { splitPlan, peakRate } from '../plan/split-plan.js';
import { resolveWorkers } from '../plan/worker-count.js';
import { mergeOutcomes } from '../../merge/merge-outcomes.js';
import { LiveSeconds } from '../live-seconds.js';
import { emptyCounts, type EndpointCounts } from '../recorder.js';
import { ERROR_CLASSES, successesIn } from '../../result/run-result.js';
import { wallClockMs, type FromWorker, type ToWorker, type WorkerInit } from './worker-protocol.js';

/** What a run drives: a LoadEngine on this thread or a WorkerPoolEngine over several. */
export interface LoadRunner {
  run(): Promise<LoadOutcome>;
  stop(reason: string): void;
  progress(): Progress;
}

export interface WorkerPoolOptions {
  /** The compiled worker script; default: worker-entry.js beside this module (see workerScriptUrl). */
  workerUrl?: URL;
}

/** Once every worker is ready, they start this far ahead, so the start message reaches all of them in time. */
const START_AHEAD_MS = 250;

/**
 * worker-entry.js beside this module (dist/src/load/workers/ at runtime). Run from the TypeScript sources (vitest),
 * there is no .js beside it and a plain Worker cannot load .ts, so the compiled copy in dist/ is used instead
 * (the test global setup builds dist/ first).
 */
export function workerScriptUrl(): URL {
  const beside = new URL('./worker-entry.js', import.meta.url);
  if (existsSync(beside)) return beside;
  const compiled = new URL('../../../dist/src/load/workers/worker-entry.js', import.meta.url);
  if (existsSync(compiled)) return compiled;
  throw new Error(`load worker script not found at ${fileURLToPath(beside)}: run \`npm run build\``);
}

/** A plain LoadEngine for one worker, a WorkerPoolEngine for more (capped by resolveWorkers). */
export function createLoadRunner(
  plan: EnginePlan,
  workers: number,
  hooks: EngineHooks = {},
  options: WorkerPoolOptions = {},
  sinks: readonly ResponseSink[] = [],
): LoadRunner {
  const count = resolveWorkers(plan, workers);
  if (count <= 1) return new LoadEngine(plan, hooks, sinks);
  if (sinks.length) {
    throw new Error(
      'response sinks cannot cross worker threads: let each engine record edge statistics into LoadOutcome.edge',
    );
  }
  return new WorkerPoolEngine(plan, count, hooks, options);
}

export class WorkerPoolEngine implements LoadRunner {
  private readonly workers: Worker[] = [];
  private readonly latest: (Progress | undefined)[];
  private readonly seconds: LiveSeconds;
  private stopReason: string | undefined;
  private started = false;

  constructor(
    private readonly plan: EnginePlan,
    private readonly count: number,
    private readonly hooks: EngineHooks = {},
    private readonly options: WorkerPoolOptions = {},
  ) {
    this.latest = Array.from({ length: count }, () => undefined);
    this.seconds = new LiveSeconds(count, hooks.onSecond);
  }

  stop(reason: string): void {
    if (this.stopReason) return;
    this.stopReason = reason;
    this.broadcast({ type: 'stop', reason });
  }

  progress(): Progress {
    const parts = this.latest.filter((p): p is Progress => p !== undefined);
    const total = (f: (p: Progress) => number): number => parts.reduce((n, p) => n + f(p), 0);
    const last = this.seconds.lastRow;
    return {
      elapsedS: Math.max(0, ...parts.map((p) => p.elapsedS)),
      warmupS: parts[0]?.warmupS ?? 0,
      rps: last?.rps ?? total((p) => p.rps),
      successRps: last ? successesIn(last) : total((p) => p.successRps),
      p95: last?.p95 ?? Math.max(0, ...parts.map((p) => p.p95)),
      errors: total((p) => p.errors),
      requests: total((p) => p.requests),
      inFlight: total((p) => p.inFlight),
      dropped: total((p) => p.dropped),
      endpoints: sumCounts(this.plan.endpoints.length, parts),
      scheduleLagMs: Math.max(0, ...parts.map((p) => p.scheduleLagMs)),
    };
  }

  async run(): Promise<LoadOutcome> {
    if (this.started) throw new Error('WorkerPoolEngine.run() called twice');
    this.started = true;
    const url = this.options.workerUrl ?? workerScriptUrl();
    const step = phaseStepMs(this.plan, this.count);
    try {
      splitPlan(this.plan, this.count).forEach((plan, index) => {
        const workerData: WorkerInit = { index, plan, phaseMs: index * step };
        this.workers.push(new Worker(url, { workerData }));
      });
      return mergeOutcomes(await this.collect());
    } finally {
      await Promise.all(this.workers.map((w) => w.terminate()));
    }
  }

  private collect(): Promise<LoadOutcome[]> {
    const outcomes: (LoadOutcome | undefined)[] = this.workers.map(() => undefined);
    let ready = 0;
    let done = 0;
    return new Promise((resolve, reject) => {
      let failed = false;
      const fail = (error: Error): void => {
        if (failed) return;
        failed = true;
        this.broadcast({ type: 'stop', reason: 'a load worker failed' });
        reject(error);
      };
      this.workers.forEach((worker, i) => {
        worker.on('message', (message: FromWorker) => {
          switch (message.type) {
            case 'ready':
              if (++ready === this.workers.length) this.startAll();
              break;
            case 'progress':
              this.latest[i] = message.progress;
              break;
            case 'second':
              this.seconds.add(i, message.row);
              break;
            case 'outcome':
              outcomes[i] = message.outcome;
              this.seconds.finish(i);
              if (++done === this.workers.length) resolve(outcomes as LoadOutcome[]);
              break;
            case 'error':
              fail(Object.assign(new Error(`load worker ${i + 1}: ${message.message}`), { stack: message.stack }));
              break;
          }
        });
        worker.on('error', (err) => fail(new Error(`load worker ${i + 1}: ${err.message}`)));
        worker.on('exit', (code) => {
          if (!outcomes[i]) fail(new Error(`load worker ${i + 1} exited (code ${code}) before it finished`));
        });
      });
    });
  }

  private startAll(): void {
    const atMs = wallClockMs() + START_AHEAD_MS;
    this.broadcast({ type: 'start', atMs });
    if (this.stopReason) this.broadcast({ type: 'stop', reason: this.stopReason });
    // Like LoadEngine, say so when the schedule starts, so callers can take that moment as its start.
    const onStart = this.hooks.onStart;
    if (onStart) setTimeout(() => onStart(Math.round(atMs)), Math.max(0, atMs - wallClockMs()));
  }

  private broadcast(message: ToWorker): void {
    for (const w of this.workers) w.postMessage(message);
  }
}

/** Each worker's cumulative per-endpoint counts, added up (every worker runs every endpoint). */
function sumCounts(endpoints: number, parts: Progress[]): EndpointCounts[] {
  const sums = Array.from({ length: endpoints }, emptyCounts);
  for (const part of parts) {
    part.endpoints.forEach((c, i) => {
      const sum = sums[i]!;
      sum.requests += c.requests;
      sum.errors += c.errors;
      sum.dropped += c.dropped;
      for (const cls of ERROR_CLASSES) sum.errors_by_class[cls] += c.errors_by_class[cls];
    });
  }
  return sums;
}

/**
 * Open model: worker i starts i × 1/(N·rate) s later, so N workers at rate/N each interleave their arrivals
 * like one schedule at the full rate instead of sending in bursts of N.
 */
function phaseStepMs(plan: EnginePlan, count: number): number {
  const m = plan.model;
  if (m.kind !== 'open') return 0;
  const first = m.segments[0];
  const rate = first && first.from > 0 ? first.from : peakRate(m.segments);
  return rate > 0 ? 1000 / (count * rate) : 0;
}
