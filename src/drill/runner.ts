/**
 * Runs a drill's schedule beside the load: each fault `at` after measured t = 0, each recovery at its
 * `recover.at`. Stopping early (Ctrl-C, end of the load) cancels the faults not yet run but still runs the
 * recovery of every fault that did run, so a drill never leaves the system broken.
 */
import type { DrillAction } from '../config/schema.js';
import type { DrillActionResult } from '../result/run-result.js';
import { redactText } from '../util/redact.js';
import { runShellCommand, type CommandOutcome } from './shell-command.js';

export interface DrillRunnerOptions {
  /** Progress lines for the user (stderr); silent when absent. */
  log?: (line: string) => void;
}

interface Step {
  kind: DrillActionResult['kind'];
  name: string;
  command: string;
  atMs: number;
  timeoutMs: number;
  timer?: NodeJS.Timeout;
  /** Set once the command was started. */
  run?: Promise<void>;
  result?: DrillActionResult;
}

interface ScheduledAction {
  fault: Step;
  recover?: Step;
}

export class DrillRunner {
  private readonly scheduled: ScheduledAction[];
  private readonly log: (line: string) => void;
  private origin: number | undefined;
  /** The origin on the monotonic clock the timers run on, so at_s never reads a timer as early. */
  private originPerf = 0;
  private stopping: Promise<void> | undefined;

  constructor(actions: readonly DrillAction[], opts: DrillRunnerOptions = {}) {
    this.log = opts.log ?? (() => undefined);
    this.scheduled = actions.map((a) => {
      const name = a.name ?? shortName(a.run);
      const fault: Step = { kind: 'fault', name, command: a.run, atMs: a.at, timeoutMs: a.timeout };
      const recover: Step | undefined = a.recover && {
        kind: 'recover',
        name,
        command: a.recover.run,
        atMs: Math.max(a.at, a.recover.at),
        timeoutMs: a.recover.timeout,
      };
      return { fault, recover };
    });
  }

  /** Epoch ms of the drill's t = 0 (measured load start), once started. */
  get originEpochMs(): number | undefined {
    return this.origin;
  }

  /**
   * Starts the schedule. `originEpochMs` is measured t = 0 (default now); pass a time in the future to
   * start the clock after a warmup.
   */
  start(originEpochMs: number = Date.now()): void {
    if (this.origin !== undefined || this.stopping) return;
    this.origin = originEpochMs;
    // One reading of the clock, so a fault and a recovery due at the same time fire in that order.
    const now = performance.now();
    this.originPerf = now + (originEpochMs - Date.now());
    for (const action of this.scheduled) {
      action.fault.timer = this.schedule(action.fault, now, () => this.execute(action.fault));
      if (action.recover) {
        const recover = action.recover;
        recover.timer = this.schedule(recover, now, () => {
          if (action.fault.run) void this.execute(recover);
        });
      }
    }
  }

  /**
   * Cancels faults not yet run; runs the pending recovery of every fault that ran (after that fault's
   * command ends, bounded by its timeout); waits for every running command. Safe to call more than once.
   */
  stop(): Promise<void> {
    this.stopping ??= this.stopAll();
    return this.stopping;
  }

  /** Every command that finished, in the order they started. */
  results(): DrillActionResult[] {
    return this.steps()
      .filter((s): s is Step & { result: DrillActionResult } => s.result !== undefined)
      .sort((a, b) => a.result.at_s - b.result.at_s)
      .map((s) => s.result);
  }

  private async stopAll(): Promise<void> {
    for (const step of this.steps()) clearTimeout(step.timer);
    await Promise.all(
      this.scheduled.map(async ({ fault, recover }) => {
        if (!fault.run) return;
        await fault.run;
        if (recover && !recover.run) {
          this.log(`drill: stopping — running the recovery of ${fault.name} now`);
          await this.execute(recover);
        }
        await recover?.run;
      }),
    );
  }

  private schedule(step: Step, now: number, fire: () => void): NodeJS.Timeout {
    return setTimeout(fire, Math.max(0, this.originPerf + step.atMs - now));
  }

  private execute(step: Step): Promise<void> {
    if (step.run) return step.run;
    const atS = round3((performance.now() - this.originPerf) / 1000);
    this.log(
      `drill: at ${atS.toFixed(1)} s: ${step.kind === 'fault' ? '' : 'recovering '}${step.name}: ` +
        `${redactText(step.command)}`,
    );
    const { done } = runShellCommand(step.command, step.timeoutMs);
    step.run = done.then((outcome) => {
      step.result = {
        name: step.name,
        command: redactText(step.command),
        at_s: atS,
        exit_code: outcome.exit_code,
        timed_out: outcome.timed_out,
        output: outcome.output,
        kind: step.kind,
        duration_s: round3(outcome.duration_ms / 1000),
      };
      this.log(
        `drill: ${step.name}${step.kind === 'recover' ? ' (recovery)' : ''}: ` +
          `${describeOutcome(outcome, step.timeoutMs)}`,
      );
    });
    return step.run;
  }

  private steps(): Step[] {
    return this.scheduled.flatMap((a) => (a.recover ? [a.fault, a.recover] : [a.fault]));
  }
}

function describeOutcome(o: CommandOutcome, timeoutMs: number): string {
  const took = `${(o.duration_ms / 1000).toFixed(2)} s`;
  if (o.timed_out) return `killed after its ${timeoutMs / 1000} s timeout`;
  if (o.exit_code === 0) return `exit 0 after ${took}`;
  const lastLine = o.output.trim().split('\n').at(-1) ?? '';
  const how = o.exit_code === null ? `ended by ${o.signal ?? 'an error'}` : `exit ${o.exit_code}`;
  return `FAILED: ${how} after ${took}${lastLine ? `: ${lastLine.slice(0, 200)}` : ''}`;
}

/** A name for an action without one: its command, shortened. */
function shortName(command: string): string {
  const oneLine = redactText(command).replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
