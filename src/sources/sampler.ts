import { ConfigError, UnreachableError } from '../errors.js';
import type { Evidence } from '../result/evidence.js';
import type { SeriesPoint, SourceGap, SourceResult } from '../result/run-result.js';
import { redactDeep, redactText } from '../util/redact.js';
import { mergeEvidence } from '../merge/merge-source-evidence.js';
import type { FinishContext, Source } from './source.js';

export interface SourceSamplerOptions {
  intervalMs: number;
  /** Seconds since the measured load started. */
  clock: () => number;
  /**
   * A sample, open, baseline or finish still running after this long counts as failed. Default max(5 s, 3
   * intervals).
   */
  timeoutMs?: number;
  /** Each successful sample as it arrives (live metrics). */
  onSample?: (sourceId: string, point: SeriesPoint) => void;
}

export interface SamplerResult {
  sources: Record<string, SourceResult>;
  evidence: Evidence;
}

interface SourceState {
  source: Source;
  opened: boolean;
  series: SeriesPoint[];
  gaps: SourceGap[];
  inFlight: Promise<void> | undefined;
  started: number;
  lastOkStart: number;
  failures: number;
  skipped: number;
  settled: number;
  busyMs: number;
  maxMs: number;
}

/**
 * Samples every source on one interval while the load runs. Sources sample concurrently; a source whose
 * previous sample is still running skips that tick, so its samples never overlap. A failed sample is a gap
 * with its (redacted) reason and sampling goes on, so a source that comes back is sampled again.
 */
export class SourceSampler {
  private readonly states: SourceState[];
  private readonly timeoutMs: number;
  private timer: NodeJS.Timeout | undefined;
  private onSampleSettled: (() => void) | undefined;
  private closed = false;

  constructor(
    sources: readonly Source[],
    private readonly opts: SourceSamplerOptions,
  ) {
    const ids = new Set<string>();
    for (const source of sources) {
      if (ids.has(source.id)) throw new ConfigError(`two sources share the id "${source.id}"`);
      ids.add(source.id);
    }
    this.timeoutMs = opts.timeoutMs ?? Math.max(5000, 3 * opts.intervalMs);
    this.states = sources.map((source) => ({
      source,
      opened: false,
      series: [],
      gaps: [],
      inFlight: undefined,
      started: 0,
      lastOkStart: 0,
      failures: 0,
      skipped: 0,
      settled: 0,
      busyMs: 0,
      maxMs: 0,
    }));
  }

  /** Opens every source. A required one that fails stops here with exit 3; an optional one becomes a gap. */
  async openAll(): Promise<void> {
    const results = await Promise.allSettled(
      this.states.map((s) => this.bounded(s.source.open(), 'open', 2 * this.timeoutMs)),
    );
    const unreachable: string[] = [];
    results.forEach((result, i) => {
      const state = this.states[i]!;
      if (result.status === 'fulfilled') {
        state.opened = true;
        return;
      }
      const reason = reasonOf(result.reason);
      if (state.source.required)
        unreachable.push(`${state.source.id} [${redactText(state.source.describe())}]: ${reason}`);
      else state.gaps.push({ t: this.now(), reason: `open failed: ${reason}` });
    });
    if (unreachable.length > 0) {
      await this.close();
      throw new UnreachableError(`required source unreachable: ${unreachable.join('; ')}`);
    }
  }

  /** Takes every source's baseline, then samples every intervalMs until stop(). */
  async start(): Promise<void> {
    await Promise.all(
      this.open().map(async (state) => {
        try {
          await this.bounded(state.source.start(), 'baseline');
        } catch (error) {
          state.gaps.push({ t: this.now(), reason: `baseline failed: ${reasonOf(error)}` });
        }
      }),
    );
    if (this.closed || this.timer) return;
    this.timer = setInterval(() => this.tick(), this.opts.intervalMs);
    this.timer.unref();
  }

  /**
   * After the load stopped: keeps sampling until every queue source reports its depth back at the start,
   * from a sample begun after this call, or until the timeout. Resolves true when all drained.
   */
  async waitForDrain(timeoutMs: number): Promise<boolean> {
    const waiting = this.open().filter((s) => typeof s.source.drained === 'function');
    if (waiting.length === 0 || !this.timer) return waiting.length === 0;
    const marks = new Map(waiting.map((s) => [s, s.started]));
    const allDrained = (): boolean => waiting.every((s) => s.lastOkStart > marks.get(s)! && s.source.drained!());
    if (allDrained()) return true;
    return new Promise<boolean>((resolve) => {
      const done = (drained: boolean): void => {
        clearTimeout(timer);
        this.onSampleSettled = undefined;
        resolve(drained);
      };
      const timer = setTimeout(() => done(false), timeoutMs);
      this.onSampleSettled = () => {
        if (allDrained()) done(true);
        else if (!this.timer) done(false);
      };
    });
  }

  /** Stops the interval and waits for samples still running (bounded by the sample timeout). */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.onSampleSettled?.();
    const running = this.states.flatMap((s) => (s.inFlight ? [s.inFlight] : []));
    if (running.length > 0) await Promise.race([Promise.all(running), delay(this.timeoutMs)]);
  }

  /**
   * Each source's series, gaps, deltas and overhead, and the Evidence of all of them merged. Never throws for
   * a source.
   */
  async finish(ctx: FinishContext): Promise<SamplerResult> {
    await this.stop();
    const evidence: Evidence[] = [];
    const results = await Promise.all(
      this.states.map(async (state): Promise<SourceResult> => {
        let deltas: Record<string, unknown> = {};
        if (state.opened) {
          try {
            const summary = await this.bounded(state.source.finish(ctx), 'finish');
            deltas = { ...summary.deltas };
            evidence.push(summary.evidence);
          } catch (error) {
            state.gaps.push({ t: this.now(), reason: `finish failed: ${reasonOf(error)}` });
          }
        }
        return this.result(state, deltas);
      }),
    );
    const sources = Object.fromEntries(results.map((r) => [r.id, r]));
    return { sources: redactDeep(sources), evidence: redactDeep(mergeEvidence(evidence)) };
  }

  /** Closes every source; safe to call more than once. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.closed = true;
    await Promise.allSettled(this.states.map((s) => s.source.close()));
  }

  private open(): SourceState[] {
    return this.states.filter((s) => s.opened);
  }

  private tick(): void {
    for (const state of this.open()) {
      if (state.inFlight) {
        state.skipped += 1;
        continue;
      }
      state.inFlight = this.sampleOnce(state).finally(() => {
        state.inFlight = undefined;
      });
    }
  }

  private async sampleOnce(state: SourceState): Promise<void> {
    const index = ++state.started;
    const t = this.now();
    const began = performance.now();
    const work = state.source.sample(t).then(
      (sample) => ({ sample }),
      (error: unknown) => ({ error }),
    );
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.timeoutMs);
    });
    const outcome = await Promise.race([work, timedOut]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      state.failures += 1;
      state.gaps.push({ t, reason: `sample timed out after ${this.timeoutMs} ms` });
      this.onSampleSettled?.();
      await work;
      return;
    }
    const ms = performance.now() - began;
    state.settled += 1;
    state.busyMs += ms;
    state.maxMs = Math.max(state.maxMs, ms);
    if ('sample' in outcome) {
      const point = { t, values: outcome.sample.values };
      state.series.push(point);
      this.opts.onSample?.(state.source.id, point);
      state.lastOkStart = index;
    } else {
      state.failures += 1;
      state.gaps.push({ t, reason: reasonOf(outcome.error) });
    }
    this.onSampleSettled?.();
  }

  private result(state: SourceState, deltas: Record<string, unknown>): SourceResult {
    const { source } = state;
    const meanMs = state.settled > 0 ? state.busyMs / state.settled : undefined;
    const result: SourceResult = {
      id: source.id,
      kind: source.kind,
      description: redactText(source.describe()),
      series: state.series,
      gaps: state.gaps,
      deltas: {
        ...deltas,
        sampling: {
          interval_ms: this.opts.intervalMs,
          samples: state.series.length,
          failures: state.failures,
          skipped_ticks: state.skipped,
          ...(meanMs !== undefined && { mean_ms: round(meanMs, 3), max_ms: round(state.maxMs, 3) }),
        },
      },
    };
    if (meanMs !== undefined) result.overhead_ratio = round(meanMs / this.opts.intervalMs, 6);
    return result;
  }

  private now(): number {
    return round(this.opts.clock(), 3);
  }

  private async bounded<T>(promise: Promise<T>, what: string, ms = this.timeoutMs): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    });
    try {
      return await Promise.race([promise, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return redactText(message || 'unknown error');
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
