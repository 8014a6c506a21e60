/**
 * The load engine: runs one workload model against the target through a Transport (the HTTP/1.1 client by
 * default) and records every measured response. Warmup responses are sent but not recorded.
 */
import type { MeasuredResponse, ResponseSink } from './response-sink.js';
import { createTransport, type TransportKind } from './create-transport.js';
import type { Transport } from './transport.js';
import { Recorder, emptyCounts, type EndpointCounts, type RecorderSnapshot } from './recorder.js';
import { GeneratorMonitor } from './generator-monitor.js';
import { LaneSlots } from './lane-slots.js';
import { prewarmRequests, prewarmSummaries } from './prewarm.js';
import { weightedPicker } from './endpoint-mix.js';
import { isSuccess, type PreparedEndpoint } from './endpoints.js';
import { classifyError } from './classify-error.js';
import { OpenModel } from './models/open-model.js';
import { ClosedModel } from './models/closed-model.js';
import { expectedRequests, totalDurationMs, type Segment } from './models/schedule.js';
import type { Executor, ExecutorContext } from './models/executor.js';
import type { AppFigures, ErrorClass, GeneratorHealth, TimelineRow } from '../result/run-result.js';
import { successesIn } from '../result/run-result.js';
import { EdgeRecorder } from '../edge/edge-recorder.js';
import { AppRecorder } from '../app/app-recorder.js';
import type { EdgeEvidence } from '../result/evidence.js';
import type { Outcome } from './transport.js';
import type { FlowPlan } from '../flow/flow-plan.js';
import type { DataSet } from '../flow/data-set.js';
import { FlowRunner, type FlowsOutcome, type PartIndex } from '../flow/flow-runner.js';
import { flowDrainMs, requestsPerArrival, stepCount } from '../flow/flow-mix.js';

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
  /** Flows in the mix after the endpoints: an arrival picks an endpoint or starts a flow iteration. */
  flows?: FlowPlan[];
  /** The flows' data sets (this part's slice of a unique set). */
  data?: DataSet[];
  /** This engine's part of the whole (workers × shards), numbering iterations and users uniquely. */
  part?: PartIndex;
  /** TLS: extra trusted CA certificates, PEM. */
  ca?: string;
  /** Default 'http1'; 'undici' is the reference client. */
  transport?: TransportKind;
  /** Open model, opt-in: spin instead of sleeping when the next request is due within this many ms. */
  spinBelowMs?: number;
  /** The requests carry the app token: read the app's own figures from every response's Server-Timing. */
  app?: boolean;
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
  /** What the app reported of its own requests, per endpoint name (when the plan sent the app token). */
  app?: Record<string, AppFigures>;
  /** Per flow (plan order): iterations and their latency. */
  flows?: FlowsOutcome['flows'];
  data?: FlowsOutcome['data'];
  /** The load ended before its schedule, not stopped: a unique data set ran out. */
  endedEarly?: string;
}

export interface Progress {
  /** Seconds since the schedule started, warmup included. */
  elapsedS: number;
  warmupS: number;
  /** Answered requests (successes and failures) in the last closed second. */
  rps: number;
  /** Successful responses in the last closed second. */
  successRps: number;
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

/** Resolves when `work` does or `ms` have passed, whichever is first (a blackholed target never hangs a run). */
function withinMs(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

/** After the schedule ends, in-flight requests get this long beyond their own timeout to finish. */
const DRAIN_GRACE_MS = 250;
/** After stop(), in-flight requests are aborted once this has passed. */
const STOP_GRACE_MS = 1000;

export class LoadEngine {
  private stopReason: string | undefined;
  private endReason: string | undefined;
  private flows: FlowRunner | undefined;
  private recorder: Recorder | undefined;
  private client: Transport | undefined;
  private t0 = 0;
  private stopWaiters: (() => void)[] = [];
  private monitor: GeneratorMonitor | undefined;
  private readonly edge = new EdgeRecorder();
  private readonly app: AppRecorder | undefined;

  /** `sinks`: more consumers of every measured response, beside the HDR and edge recorders. */
  constructor(
    private readonly plan: EnginePlan,
    private readonly hooks: EngineHooks = {},
    private readonly sinks: readonly ResponseSink[] = [],
  ) {
    this.app = plan.app ? new AppRecorder() : undefined;
  }

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
    return (expectedRequests(measured) / (totalDurationMs(measured) / 1000)) * requestsPerArrival(this.plan);
  }

  /** Arrivals per second the schedule asks for over the measured window (open model). */
  private targetArrivals(): number | undefined {
    const rps = this.targetRps();
    return rps === undefined ? undefined : rps / requestsPerArrival(this.plan);
  }

  /** Ends the load early without a stop (a unique data set ran out): in-flight work finishes; not partial. */
  end(reason: string): void {
    if (this.endReason || this.stopReason) return;
    this.endReason = reason;
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
      successRps: last ? successesIn(last) : 0,
      p95: last?.p95 ?? 0,
      errors: r?.errors ?? 0,
      requests: r?.requests ?? 0,
      inFlight: this.client?.pending ?? 0,
      dropped: r?.dropped ?? 0,
      endpoints: r?.endpointCounts() ?? this.plan.endpoints.map(() => emptyCounts()),
      scheduleLagMs: this.monitor?.scheduleLagP99Ms() ?? 0,
    };
  }

  /**
   * Everything the load needs before its first intended instant: the client, the hot path compiled and the
   * requests serialized (prewarm.ts), and in the open model the pool's sockets connected. run() calls it when it
   * was not called first (a worker calls it before reporting ready).
   */
  async prepare(): Promise<Transport> {
    if (this.client) return this.client;
    const { plan } = this;
    const open = plan.model.kind === 'open';
    const client = createTransport(plan.transport ?? 'http1', {
      connections: open ? plan.pool : (plan.model as { connections: number }).connections,
      // Open model: a due request never waits for a socket below the in-flight bound (sockets on demand).
      ...(open ? { maxConnections: Math.ceil(plan.maxInFlight / plan.pipelining) } : {}),
      pipelining: plan.pipelining,
      timeoutMs: plan.timeoutMs,
      insecure: plan.insecure,
      ca: plan.ca,
    });
    this.client = client;
    prewarmSummaries();
    prewarmRequests(plan.endpoints.map((e) => e.request));
    if (open && client.prewarm) await withinMs(client.prewarm(this.origins()), plan.timeoutMs);
    return client;
  }

  async run(): Promise<LoadOutcome> {
    const { plan } = this;
    const open = plan.model.kind === 'open';
    const client = await this.prepare();
    const monitor = new GeneratorMonitor();
    this.monitor = monitor;
    const pick = weightedPicker(
      [...plan.endpoints.map((e) => e.weight), ...(plan.flows ?? []).map((f) => f.weight)],
      plan.seed,
    );
    this.t0 = performance.now();
    this.hooks.onStart?.(Date.now());
    const startEpochMs = Date.now() + this.warmupMs;
    const origin = this.t0 + this.warmupMs;
    const recorder = new Recorder(plan.endpoints.length + stepCount(plan), origin);
    this.recorder = recorder;
    const sinks: readonly ResponseSink[] = [recorder, this.edge, ...(this.app ? [this.app] : []), ...this.sinks];
    const secondTimer = this.startSecondTimer(recorder);
    monitor.start();
    this.flows = this.startFlows(client, recorder, sinks, monitor, origin);

    const ctx: ExecutorContext = {
      t0: this.t0,
      totalMs: this.totalMs,
      stopped: () => this.stopReason !== undefined || this.endReason !== undefined,
      pick,
      send: (i, intendedAt, done, user) =>
        this.send(client, recorder, sinks, monitor, origin, i, intendedAt, done, user),
    };
    const executor: Executor = open
      ? new OpenModel((plan.model as { segments: Segment[] }).segments, { spinBelowMs: plan.spinBelowMs })
      : new ClosedModel(
          (plan.model as { connections: number }).connections,
          (plan.model as { thinkMs: number }).thinkMs,
        );

    await executor.run(ctx);
    await this.drain(client, this.stopReason ? STOP_GRACE_MS : plan.timeoutMs + DRAIN_GRACE_MS + flowDrainMs(plan));
    const endedAt = performance.now();
    client.abortAll(new Error('run ended'));
    clearInterval(secondTimer);
    const generator = monitor.stop(open, {
      scheduled: recorder.requests + recorder.dropped,
      dropped: recorder.dropped,
    });
    await client.close();

    const durationS = Math.max(0, Math.min(this.totalMs - this.warmupMs, endedAt - origin) / 1000);
    const measuredS = this.stopReason || this.endReason ? durationS : (this.totalMs - this.warmupMs) / 1000;
    return {
      ...recorder.snapshot(measuredS, this.targetRps()),
      generator,
      edge: this.edge.evidence(),
      ...(this.app ? { app: this.app.figures() } : {}),
      startEpochMs,
      durationS: measuredS,
      partial: this.stopReason !== undefined,
      stopReason: this.stopReason,
      ...(this.flows ? this.flows.outcome(this.targetArrivals()) : {}),
      ...(this.endReason && !this.stopReason ? { endedEarly: this.endReason } : {}),
    };
  }

  private startFlows(
    client: Transport,
    recorder: Recorder,
    sinks: readonly ResponseSink[],
    monitor: GeneratorMonitor,
    origin: number,
  ): FlowRunner | undefined {
    const { plan } = this;
    if (!plan.flows?.length) return undefined;
    const open = plan.model.kind === 'open';
    return new FlowRunner({
      flows: plan.flows,
      data: plan.data ?? [],
      seed: plan.seed,
      part: plan.part ?? { index: 0, count: 1 },
      transport: client,
      maxInFlight: plan.maxInFlight,
      // Open model: each iteration gets its own lane (connection) when it comes due, up to max_in_flight.
      ...(open ? { lanes: new LaneSlots(plan.maxInFlight) } : {}),
      totalWeight: [...plan.endpoints, ...plan.flows].reduce((n, x) => n + x.weight, 0),
      measuredFrom: origin,
      record: (step, dueAt, outcome, errorClass) => {
        if (dueAt < origin) return;
        if (open) monitor.recordQueue(outcome.startedAt - dueAt);
        this.record(sinks, step.endpoint, step.name, dueAt, outcome, errorClass);
      },
      dropped: (step, at) => recorder.drop(step.endpoint, at),
      stopped: () => this.stopReason !== undefined,
      exhausted: (reason) => this.end(reason),
    });
  }

  private send(
    client: Transport,
    recorder: Recorder,
    sinks: readonly ResponseSink[],
    monitor: GeneratorMonitor,
    origin: number,
    index: number,
    intendedAt: number | null,
    done?: () => void,
    user?: number,
  ): boolean {
    if (index >= this.plan.endpoints.length)
      return this.flows!.start(index - this.plan.endpoints.length, intendedAt, done, user);
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
          if (intendedAt !== null) monitor.recordQueue(outcome.startedAt - intendedAt);
          const errorClass: ErrorClass | null = outcome.error
            ? classifyError(outcome.error)
            : isSuccess(endpoint, outcome.status)
              ? null
              : 'http';
          this.record(sinks, index, endpoint.name, intendedAt ?? sentAt, outcome, errorClass);
        }
        done?.();
      },
      user,
    );
    return true;
  }

  /** One measured response of endpoint (or flow step) `index`, latency from `dueAt`, to every sink. */
  private record(
    sinks: readonly ResponseSink[],
    index: number,
    name: string,
    dueAt: number,
    outcome: Outcome,
    errorClass: ErrorClass | null,
  ): void {
    const end = performance.now();
    const response: MeasuredResponse = {
      endpoint: index,
      name,
      end,
      latencyMs: end - dueAt,
      serviceMs: end - outcome.startedAt,
      status: outcome.status,
      errorClass,
      bytes: outcome.bytes,
      headers: outcome.headers,
    };
    for (const sink of sinks) sink.add(response);
  }

  /** The origins the endpoints send to through the pool (flow iterations run on lanes of their own). */
  private origins(): string[] {
    return [...new Set(this.plan.endpoints.map((e) => e.request.origin))];
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

  private drain(client: Transport, limitMs: number): Promise<void> {
    const idle = (): boolean => client.pending === 0 && (this.flows?.active ?? 0) === 0;
    if (idle()) return Promise.resolve();
    return new Promise((resolve) => {
      const deadline = performance.now() + limitMs;
      const poll = setInterval(() => {
        if (idle() || performance.now() >= deadline) finish();
      }, 10);
      const finish = (): void => {
        clearInterval(poll);
        resolve();
      };
      this.stopWaiters.push(() => setTimeout(finish, STOP_GRACE_MS));
    });
  }
}
