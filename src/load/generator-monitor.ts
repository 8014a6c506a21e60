/**
 * The generator watches itself — event-loop delay, CPU, how late requests leave against the schedule and how
 * many it had to drop — so a run whose schedule slipped says so instead of blaming the target. `lagged` means
 * the schedule slipped, never merely that the CPU was busy: a generator at 100 % of a core that keeps its
 * schedule measured the target faithfully.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import { createHistogram, recordMs, summarizeHistogram, type Histogram } from './histogram.js';
import type { GeneratorHealth } from '../result/run-result.js';

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
    const loop = {
      p50: round(this.loopDelay.percentile(50) / 1e6),
      p99: round(this.loopDelay.percentile(99) / 1e6),
      max: round(this.loopDelay.max / 1e6),
    };
    return judge(
      {
        event_loop_delay_ms: loop,
        schedule_lag_ms: { p50: lag.p50, p99: lag.p99, max: lag.max },
        cpu_ratio: round(cpuRatio),
        lagged: false,
      },
      openModel,
      counts,
    );
  }
}

/** Pure: decides whether the schedule slipped in the generator (not the target), and says how. */
export function judge(health: GeneratorHealth, openModel: boolean, counts?: ScheduleCounts): GeneratorHealth {
  const reasons: string[] = [];
  if (openModel && health.schedule_lag_ms.p99 > SCHEDULE_LAG_LIMIT_MS) {
    reasons.push(`requests left up to ${health.schedule_lag_ms.p99} ms late (p99) against the schedule`);
  }
  if (openModel && counts && counts.scheduled > 0 && counts.dropped / counts.scheduled > DROP_LIMIT) {
    const share = ((counts.dropped / counts.scheduled) * 100).toFixed(1);
    reasons.push(
      `${counts.dropped} of ${counts.scheduled} scheduled requests (${share}%) were dropped at max_in_flight`,
    );
  }
  if (health.event_loop_delay_ms.p99 > LOOP_DELAY_LIMIT_MS) {
    reasons.push(`the generator's event loop ran up to ${health.event_loop_delay_ms.p99} ms late (p99)`);
  }
  return reasons.length ? { ...health, lagged: true, reason: reasons.join('; ') } : { ...health, lagged: false };
}

const round = (x: number): number => Math.round(x * 1000) / 1000;
