/**
 * The load engine: runs one workload model against the target over undici pools and records every measured
 * response. Warmup responses are sent but not recorded.
 */
import type { MeasuredResponse, ResponseSink } from './response-sink.js';
import { HttpClient } from './http-client.js';
import { Recorder, emptyCounts, type EndpointCounts, type RecorderSnapshot } from './recorder.js';
import { GeneratorMonitor } from './generator-monitor.js';
import { weightedPicker } from './endpoint-mix.js';
import { isSuccess, type PreparedEndpoint } from './endpoints.js';
import { classifyError } from './classify-error.js';
import { OpenModel } from './models/open-model.js';
import { ClosedModel } from './models/closed-model.js';
import { expectedRequests, totalDurationMs, type Segment } from './models/schedule.js';
import type { Executor, ExecutorContext } from './models/executor.js';
import type { ErrorClass, GeneratorHealth, TimelineRow } from '../result/run-result.js';
import { EdgeRecorder } from '../edge/edge-recorder.js';
import type { EdgeEvidence } from '../result/evidence.js';

export type WorkloadModel =
  | { kind: 'open'; segments: Segment[]; warmupMs: number }
  | { kind: 'closed'; connections: number; thinkMs: number; durationMs: number; warmupMs: number };

export interface EnginePlan {
  endpoints: PreparedEndpoint[];
  model: WorkloadModel;
  timeoutMs: number;
  maxInFlight: number;
  /** Open model: sockets per origin. */
  pool: number;
  pipelining: number;
  seed: number;
  insecure?: boolean;
}

export interface EngineHooks {
  /** Each closed second of the timeline, as it closes (guardrails, live line). */
  onSecond?: (row: TimelineRow) => void;
  /**
   * Once, when the schedule starts (warmup included), with that instant in epoch ms. A LoadEngine starts when
   * run() is called; a worker pool a moment later, once its threads are ready: align sources and drills on this.
   */
  onStart?: (startEpochMs: number) => void;
}

export interface LoadOutcome extends RecorderSnapshot {
  generator: GeneratorHealth;
  /** Epoch ms of measured t = 0. */
  startEpochMs: number;
  /** Measured seconds actually run (shorter than planned when stopped). */
  durationS: number;
  partial: boolean;
  stopReason?: string;
  /** Edge statistics of every measured response, when the run watched them (merged across workers and shards). */
  edge?: EdgeEvidence;
}

export interface Progress {
  /** Seconds since the schedule started, warmup included. */
  elapsedS: number;
  warmupS: number;
  rps: number;
  p95: number;
  errors: number;
  requests: number;
  inFlight: number;
  dropped: number;
  /** Per endpoint (plan order), cumulative over the measured window: what live metrics count. */
  endpoints: EndpointCounts[];
  /** p99 of how late requests left against the schedule so far (open model; 0 in the closed model). */
  scheduleLagMs: number;
}

/** After the schedule ends, in-flight requests get this long beyond their own timeout to finish. */
const DRAIN_GRACE_MS = 250;
/** After stop(), in-flight requests are aborted once this has passed. */
const STOP_GRACE_MS = 1000;

export class LoadEngine {
  private stopReason: string | undefined;
  private recorder: Recorder | undefined;
  private client: HttpClient | undefined;
  private t0 = 0;
  private stopWaiters: (() => void)[] = [];
  private monitor: GeneratorMonitor | undefined;
  private readonly edge = new EdgeRecorder();

  /** `sinks`: more consumers of every measured response, beside the HDR and edge recorders. */
  constructor(
    private readonly plan: EnginePlan,
    private readonly hooks: EngineHooks = {},
    private readonly sinks: readonly ResponseSink[] = [],
  ) {}

  get warmupMs(): number {
    return this.plan.model.warmupMs;
  }

  get totalMs(): number {
    const m = this.plan.model;
    return m.kind === 'open' ? totalDurationMs(m.segments) : m.warmupMs + m.durationMs;
  }

  /** The rate the schedule asks for over the measured window (open model). */
  targetRps(): number | undefined {
    const m = this.plan.model;
    if (m.kind !== 'open') return undefined;
    const measured = m.warmupMs > 0 ? m.segments.slice(1) : m.segments;
    return expectedRequests(measured) / (totalDurationMs(measured) / 1000);
  }

  /** Stops issuing requests; in-flight ones get a short grace and are then aborted. The result is partial. */
  stop(reason: string): void {
    if (this.stopReason) return;
    this.stopReason = reason;
    for (const wake of this.stopWaiters.splice(0)) wake();
  }

  progress(): Progress {
    const r = this.recorder;
    const last = r?.lastSecond();
    return {
      elapsedS: this.t0 ? (performance.now() - this.t0) / 1000 : 0,
      warmupS: this.warmupMs / 1000,
      rps: last?.rps ?? 0,
      p95: last?.p95 ?? 0,
      errors: r?.errors ?? 0,
      requests: r?.requests ?? 0,
      inFlight: this.client?.pending ?? 0,
      dropped: r?.dropped ?? 0,
      endpoints: r?.endpointCounts() ?? this.plan.endpoints.map(() => emptyCounts()),
      scheduleLagMs: this.monitor?.scheduleLagP99Ms() ?? 0,
    };
  }

  async run(): Promise<LoadOutcome> {
    const { plan } = this;
    const open = plan.model.kind === 'open';
    const client = new HttpClient({
      connections: open ? plan.pool : (plan.model as { connections: number }).connections,
      pipelining: plan.pipelining,
      timeoutMs: plan.timeoutMs,
      insecure: plan.insecure,
    });
    this.client = client;
    const monitor = new GeneratorMonitor();
    this.monitor = monitor;
    const pick = weightedPicker(
      plan.endpoints.map((e) => e.weight),
      plan.seed,
    );
    this.t0 = performance.now();
    this.hooks.onStart?.(Date.now());
    const startEpochMs = Date.now() + this.warmupMs;
    const origin = this.t0 + this.warmupMs;
    const recorder = new Recorder(plan.endpoints.length, origin);
    this.recorder = recorder;
    const sinks: readonly ResponseSink[] = [recorder, this.edge, ...this.sinks];
    const secondTimer = this.startSecondTimer(recorder);
    monitor.start();

    const ctx: ExecutorContext = {
      t0: this.t0,
      totalMs: this.totalMs,
      stopped: () => this.stopReason !== undefined,
      pick,
      send: (i, intendedAt, done, user) =>
        this.send(client, recorder, sinks, monitor, origin, i, intendedAt, done, user),
    };
    const executor: Executor = open
      ? new OpenModel((plan.model as { segments: Segment[] }).segments)
      : new ClosedModel(
          (plan.model as { connections: number }).connections,
          (plan.model as { thinkMs: number }).thinkMs,
        );

    await executor.run(ctx);
    await this.drain(client, this.stopReason ? STOP_GRACE_MS : plan.timeoutMs + DRAIN_GRACE_MS);
    const endedAt = performance.now();
    client.abortAll(new Error('run ended'));
    clearInterval(secondTimer);
    const generator = monitor.stop(open);
    await client.close();

    const durationS = Math.max(0, Math.min(this.totalMs - this.warmupMs, endedAt - origin) / 1000);
    const measuredS = this.stopReason ? durationS : (this.totalMs - this.warmupMs) / 1000;
    return {
      ...recorder.snapshot(measuredS, this.targetRps()),
      generator,
      edge: this.edge.evidence(),
      startEpochMs,
      durationS: measuredS,
      partial: this.stopReason !== undefined,
      stopReason: this.stopReason,
    };
  }

  private send(
    client: HttpClient,
    recorder: Recorder,
    sinks: readonly ResponseSink[],
    monitor: GeneratorMonitor,
    origin: number,
    index: number,
    intendedAt: number | null,
    done?: () => void,
    user?: number,
  ): boolean {
    const endpoint = this.plan.endpoints[index]!;
    const sentAt = performance.now();
    const measured = (intendedAt ?? sentAt) >= origin;
    if (intendedAt !== null && client.pending >= this.plan.maxInFlight) {
      if (measured) recorder.drop(index, intendedAt);
      return false;
    }
    if (intendedAt !== null && measured) monitor.recordLag(sentAt - intendedAt);
    client.send(
      endpoint.request,
      (outcome) => {
        if (measured) {
          const end = performance.now();
          const errorClass: ErrorClass | null = outcome.error
            ? classifyError(outcome.error)
            : isSuccess(endpoint, outcome.status)
              ? null
              : 'http';
          const response: MeasuredResponse = {
            endpoint: index,
            name: endpoint.name,
            end,
            latencyMs: end - (intendedAt ?? sentAt),
            serviceMs: end - outcome.startedAt,
            status: outcome.status,
            errorClass,
            bytes: outcome.bytes,
            headers: outcome.headers,
          };
          for (const sink of sinks) sink.add(response);
        }
        done?.();
      },
      user,
    );
    return true;
  }

  private startSecondTimer(recorder: Recorder): NodeJS.Timeout {
    let reported = -1;
    const timer = setInterval(() => {
      recorder.closeSecondsBefore(performance.now(), 50);
      const last = recorder.lastSecond();
      if (last && last.t > reported) {
        reported = last.t;
        this.hooks.onSecond?.(last);
      }
    }, 250);
    timer.unref();
    return timer;
  }

  private drain(client: HttpClient, limitMs: number): Promise<void> {
    if (client.pending === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const deadline = performance.now() + limitMs;
      const poll = setInterval(() => {
        if (client.pending === 0 || performance.now() >= deadline) finish();
      }, 10);
      const finish = (): void => {
        clearInterval(poll);
        resolve();
      };
      this.stopWaiters.push(() => setTimeout(finish, STOP_GRACE_MS));
    });
  }
}
