/**
 * One run, start to finish: preflight → sources → load (with edge stats) → drain → audit → RunResult.
 * The only module that wires the stages together; each stage stays ignorant of the others.
 */
import type { Config } from './config/schema.js';
import { buildEnginePlan, describePlan } from './load/plan.js';
import { LoadEngine, type Progress } from './load/engine.js';
import { checkReachable } from './load/preflight.js';
import { AbortGuard } from './load/abort-guard.js';
import { buildResult } from './result/build-result.js';
import type { RunResult } from './result/run-result.js';

export interface RunIO {
  /** Called once the load starts, with a way to read progress (the live line). */
  onStart?: (progress: () => Progress, totalS: number) => void;
  /** Say something to the user (stderr); silent when quiet. */
  log?: (line: string) => void;
}

export interface RunHandle {
  result: Promise<RunResult>;
  /** Stops the load early; the result is written and marked partial. */
  stop(reason: string): void;
}

export function startRun(config: Config, io: RunIO = {}): RunHandle {
  let engine: LoadEngine | undefined;
  let pendingStop: string | undefined;
  const stop = (reason: string): void => {
    pendingStop ??= reason;
    engine?.stop(reason);
  };
  const result = (async (): Promise<RunResult> => {
    const plan = buildEnginePlan(config);
    await checkReachable(plan.endpoints, Math.min(plan.timeoutMs, 10_000), plan.insecure);
    const guard = config.abort_on ? new AbortGuard(config.abort_on) : undefined;
    engine = new LoadEngine(plan, {
      onSecond: (row) => {
        const reason = guard?.observe(row);
        if (reason) {
          io.log?.(reason);
          engine!.stop(reason);
        }
      },
    });
    if (pendingStop) engine.stop(pendingStop);
    const runPlan = describePlan(config, plan);
    io.onStart?.(() => engine!.progress(), runPlan.duration_s + runPlan.warmup_s);
    const outcome = await engine.run();
    const evidence = outcome.edge && outcome.edge.responses > 0 ? { edge: outcome.edge } : {};
    return buildResult({ config, plan: runPlan, outcome, evidence });
  })();
  return { result, stop };
}
