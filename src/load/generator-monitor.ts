/**
 * The generator watches itself — event-loop delay, CPU, how late requests leave against the schedule and how
 * many it had to drop — so a run whose schedule slipped says so instead of blaming the target. `lagged` means
 * the schedule slipped, never merely that the CPU was busy: a generator at 100 % of a core that keeps its
 * schedule measured the target faithfully.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { createHistogram, recordMs, summarizeHistogram, type Histogram } from './histogram.js';
import type { GeneratorHealth, GeneratorLimit } from '../result/run-result.js';

/** A request leaving this late (p99) means the schedule slipped in the generator, not the target. */
export const SCHEDULE_LAG_LIMIT_MS = 10;
/** An event loop this late (p99) delays reading responses: latency then includes the generator's own delay. */
export const LOOP_DELAY_LIMIT_MS = 50;
/** Dropping more than this share of the scheduled requests means the schedule was not held (open model). */
export const DROP_LIMIT = 0.01;

/** The open model's scheduled requests in the measured window and how many of them were dropped. */
export interface ScheduleCounts {
  scheduled: number;
  dropped: number;
}

export class GeneratorMonitor {
  private readonly loopDelay: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  private readonly scheduleLag: Histogram = createHistogram();
  private readonly queue: Histogram = createHistogram();
  private cpuStart = process.cpuUsage();
  private wallStart = performance.now();

  start(): void {
    this.loopDelay.reset();
    this.loopDelay.enable();
    this.cpuStart = process.cpuUsage();
    this.wallStart = performance.now();
  }

  /** How late a request left against its intended send time (open model). */
  recordLag(ms: number): void {
    recordMs(this.scheduleLag, ms);
  }

  /** How long a request spent in the generator, intended instant to first byte written (open model). */
  recordQueue(ms: number): void {
    recordMs(this.queue, ms);
  }

  /** p99 schedule lag so far (ms), for live metrics. */
  scheduleLagP99Ms(): number {
    return this.scheduleLag.totalCount ? this.scheduleLag.getValueAtPercentile(99) / 1000 : 0;
  }

  stop(openModel: boolean, counts?: ScheduleCounts): GeneratorHealth {
    this.loopDelay.disable();
    const cpu = process.cpuUsage(this.cpuStart);
    const wallMs = performance.now() - this.wallStart;
    const cpuRatio = wallMs > 0 ? (cpu.user + cpu.system) / 1000 / wallMs : 0;
    const lag = summarizeHistogram(this.scheduleLag);
    const queue = summarizeHistogram(this.queue);
    const loop = {
      p50: round(this.loopDelay.percentile(50) / 1e6),
      p99: round(this.loopDelay.percentile(99) / 1e6),
      max: round(this.loopDelay.max / 1e6),
    };
    return judge(
      {
        event_loop_delay_ms: loop,
        schedule_lag_ms: { p50: lag.p50, p99: lag.p99, max: lag.max },
        ...(openModel ? { queue_ms: { p50: queue.p50, p99: queue.p99, max: queue.max } } : {}),
        cpu_ratio: round(cpuRatio),
        lagged: false,
      },
      openModel,
      counts,
    );
  }
}

/** What the lag rule tells the user to change when the in-flight bound was the limit. */
export const RAISE_MAX_IN_FLIGHT = 'raise load.max_in_flight';

/** Pure: decides whether the schedule slipped in the generator (not the target), and says how. */
export function judge(health: GeneratorHealth, openModel: boolean, counts?: ScheduleCounts): GeneratorHealth {
  const { limited_by: _limit, reason: _reason, ...measured } = health;
  const reasons: string[] = [];
  let limit: GeneratorLimit | undefined;
  if (openModel && health.schedule_lag_ms.p99 > SCHEDULE_LAG_LIMIT_MS) {
    reasons.push(`requests left up to ${health.schedule_lag_ms.p99} ms late (p99) against the schedule`);
  }
  const socketWait = openModel ? socketWaitMs(health) : 0;
  if (socketWait > SCHEDULE_LAG_LIMIT_MS) {
    reasons.push(`requests waited up to ${health.queue_ms!.p99} ms (p99) for a socket: ${RAISE_MAX_IN_FLIGHT}`);
    limit = 'max_in_flight';
  }
  if (openModel && counts && counts.scheduled > 0 && counts.dropped / counts.scheduled > DROP_LIMIT) {
    const share = ((counts.dropped / counts.scheduled) * 100).toFixed(1);
    reasons.push(
      `${counts.dropped} of ${counts.scheduled} scheduled requests (${share}%) were dropped at max_in_flight: ` +
        RAISE_MAX_IN_FLIGHT,
    );
    limit = 'max_in_flight';
  }
  if (health.event_loop_delay_ms.p99 > LOOP_DELAY_LIMIT_MS) {
    reasons.push(`the generator's event loop ran up to ${health.event_loop_delay_ms.p99} ms late (p99)`);
  }
  if (!reasons.length) return { ...measured, lagged: false };
  return { ...measured, lagged: true, reason: reasons.join('; '), ...(limit ? { limited_by: limit } : {}) };
}

/**
 * The part of the time in the generator that was not the timer's lateness: waiting in the client for a socket.
 * The queue time includes the schedule lag, so a late timer alone never reads as a socket shortage.
 */
function socketWaitMs(health: GeneratorHealth): number {
  return health.queue_ms ? health.queue_ms.p99 - health.schedule_lag_ms.p99 : 0;
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
