/**
 * Starts flow iterations for the engine: an arrival (open model) or a virtual user's turn (closed model) becomes
 * one iteration with its own rows of the data sets, numbered across workers and shards. Counts each flow's
 * iterations; a unique data set running out ends the load (cleanly: the result is not partial).
 */
import { seededRandom } from '../load/endpoint-mix.js';
import type { Outcome, Transport } from '../load/transport.js';
import type { LaneSlots } from '../load/lane-slots.js';
import type { DataSetUse, ErrorClass } from '../result/run-result.js';
import { DataCursor, type DataSet } from './data-set.js';
import type { FlowPlan, StepPlan } from './flow-plan.js';
import { FlowRecorder, type FlowTally } from './flow-recorder.js';
import { Iteration, type IterationEnd, type StepEvent } from './iteration.js';

/** Which of how many parts (workers × shards) this engine is: iteration and user numbers stay unique. */
export interface PartIndex {
  index: number;
  count: number;
}

export interface FlowRunnerOptions {
  flows: readonly FlowPlan[];
  data: readonly DataSet[];
  seed: number;
  part: PartIndex;
  transport: Transport;
  maxInFlight: number;
  /** Open model: where an iteration that comes due gets its lane (connection); without it, the client's pool. */
  lanes?: LaneSlots;
  /** Weights of the whole mix (endpoints and flows): a flow's share of the arrivals. */
  totalWeight: number;
  /** Clock ms of measured t = 0: iterations that start before it are warmup. */
  measuredFrom: number;
  record(step: StepPlan, dueAt: number, outcome: Outcome, errorClass: ErrorClass | null): void;
  /** An arrival that could not start: the engine counts it against the flow's first step. */
  dropped(step: StepPlan, at: number): void;
  stopped(): boolean;
  /** A unique data set ran out: the load should end. */
  exhausted(reason: string): void;
  observe?: (event: StepEvent) => void;
  /** Every iteration's end (the trace). */
  ended?: (flow: FlowPlan, end: IterationEnd) => void;
}

export interface FlowsOutcome {
  flows: FlowTally[];
  data: Record<string, DataSetUse>;
}

export class FlowRunner {
  private readonly recorders: FlowRecorder[];
  private readonly cursors: Map<string, DataCursor>;
  private readonly random: () => number;
  private count = 0;
  private running = 0;
  private ranOut: string | undefined;

  constructor(private readonly opts: FlowRunnerOptions) {
    this.recorders = opts.flows.map(() => new FlowRecorder());
    this.random = seededRandom(opts.seed ^ 0x5f3759df);
    this.cursors = new Map(opts.data.map((d) => [d.name, new DataCursor(d, this.random)]));
  }

  /** Iterations running now. */
  get active(): number {
    return this.running;
  }

  /**
   * Starts an iteration of flow `index`; `done` runs when it ends. `user`: the closed model's virtual user, whose
   * lane it runs on; in the open model (`intendedAt` set) the iteration takes a lane of its own when due. Returns
   * false when it could not start (dropped at the in-flight bound, or its data ran out; `done` still runs).
   */
  start(index: number, intendedAt: number | null, done: (() => void) | undefined, user: number | undefined): boolean {
    const flow = this.opts.flows[index]!;
    const startAt = intendedAt ?? performance.now();
    const measured = startAt >= this.opts.measuredFrom;
    const lane = intendedAt === null ? user : this.laneWhenDue();
    if (lane === null) {
      if (measured) {
        this.recorders[index]!.drop();
        this.opts.dropped(flow.steps[0]!, intendedAt!);
      }
      done?.();
      return false;
    }
    const own = intendedAt === null ? undefined : lane;
    const rows = this.rows(flow);
    if (!rows) {
      this.giveBack(own);
      done?.();
      return false;
    }
    const iteration = this.count++ * this.opts.part.count + this.opts.part.index;
    const vu = user === undefined ? iteration + 1 : user * this.opts.part.count + this.opts.part.index + 1;
    if (measured) this.recorders[index]!.start();
    this.running += 1;
    const host = {
      transport: this.opts.transport,
      record: this.opts.record,
      stopped: this.opts.stopped,
      random: this.random,
      observe: this.opts.observe,
    };
    new Iteration(flow, host, { iteration, vu, rows, lane, startAt }, (end) => {
      this.running -= 1;
      this.giveBack(own);
      if (measured) this.tallyEnd(index, startAt, end);
      this.opts.ended?.(flow, end);
      done?.();
    }).start();
    return true;
  }

  /** `arrivals`: open model, the arrivals per second the schedule asked for (endpoints and flows). */
  outcome(arrivals?: number): FlowsOutcome {
    const data: Record<string, DataSetUse> = {};
    for (const set of this.opts.data) {
      const used = this.cursors.get(set.name)!.used;
      data[set.name] = {
        mode: set.mode,
        rows: set.rows.length,
        used,
        exhausted: set.mode === 'unique' && used >= set.rows.length && this.ranOut === set.name,
      };
    }
    const flows = this.recorders.map((r, i) => {
      const tally = r.tally();
      if (arrivals === undefined) return tally;
      return { ...tally, target_rate: (arrivals * this.opts.flows[i]!.weight) / this.opts.totalWeight };
    });
    return { flows, data };
  }

  /**
   * Open model: the lane of an iteration that is due now — null when it must be dropped (the in-flight bound, or
   * no free lane), undefined to send on the client's pool (no lane slots given).
   */
  private laneWhenDue(): number | null | undefined {
    if (this.overBound()) return null;
    return this.opts.lanes ? (this.opts.lanes.acquire() ?? null) : undefined;
  }

  private giveBack(lane: number | undefined): void {
    if (lane !== undefined) this.opts.lanes?.release(lane);
  }

  private overBound(): boolean {
    return this.running >= this.opts.maxInFlight || this.opts.transport.pending >= this.opts.maxInFlight;
  }

  private rows(flow: FlowPlan): Map<string, readonly string[]> | undefined {
    const rows = new Map<string, readonly string[]>();
    for (const name of flow.dataSets) {
      const row = this.cursors.get(name)!.next();
      if (!row) {
        this.ranOut ??= name;
        const set = this.opts.data.find((d) => d.name === name)!;
        this.opts.exhausted(`data set ${name} ran out of unique rows (${set.total} in all)`);
        return undefined;
      }
      rows.set(name, row);
    }
    return rows;
  }

  private tallyEnd(index: number, startAt: number, end: IterationEnd): void {
    const recorder = this.recorders[index]!;
    if (end.kind === 'completed') recorder.complete(end.endedAt - startAt);
    else if (end.kind === 'failed') recorder.fail(end.step, end.errorClass);
  }
}
