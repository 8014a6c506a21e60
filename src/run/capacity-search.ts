/**
 * Runs the capacity search: each step is one run of the pipeline at the step's rate (settle, then the hold),
 * judged as it ends; a cooldown follows so the next step starts from an idle stack (queues are drained by the
 * pipeline itself). stop() ends the current step and the search: the steps so far are the partial result.
 */
import type { Config } from '../config/schema.js';
import { startRun, type RunHandle, type RunIO } from './pipeline.js';
import { capacitySlo, judgeStep } from '../capacity/judge-step.js';
import { nextAction } from '../capacity/search.js';
import type { CapacitySettings } from '../capacity/settings.js';
import type { CapacityOutcome, ExecutedStep } from '../capacity/summarize.js';
import { stepConfig } from '../capacity/step-config.js';

export interface CapacityIO extends Omit<RunIO, 'onStart'> {
  /** A step starts: its number, rate and whether it is the confirmation hold, with the pipeline's progress. */
  onStep?: (step: { index: number; rate: number; confirmation: boolean }) => RunIO['onStart'];
}

export interface CapacityHandle {
  outcome: Promise<CapacityOutcome>;
  stop(reason: string): void;
}

export function startCapacitySearch(config: Config, settings: CapacitySettings, io: CapacityIO = {}): CapacityHandle {
  const control: { reason?: string; run?: RunHandle; wake?: () => void } = {};
  const stop = (reason: string): void => {
    control.reason ??= reason;
    control.run?.stop(reason);
    control.wake?.();
  };
  return { outcome: search(config, settings, io, control), stop };
}

async function search(
  config: Config,
  settings: CapacitySettings,
  io: CapacityIO,
  control: { reason?: string; run?: RunHandle; wake?: () => void },
): Promise<CapacityOutcome> {
  const slo = capacitySlo(config.slo);
  const executed: ExecutedStep[] = [];
  for (;;) {
    const action = nextAction(
      settings.search,
      executed.flatMap((s) =>
        s.judged.verdict === 'interrupted'
          ? []
          : [{ rate: s.rate, verdict: s.judged.verdict, confirmation: s.confirmation }],
      ),
    );
    if (action.kind === 'done') return { executed, answer: action.answer };
    if (control.reason) return { executed };
    const holdMs = action.confirmation ? settings.confirmMs : settings.stepMs;
    const onStart = io.onStep?.({ index: executed.length + 1, rate: action.rate, confirmation: action.confirmation });
    const run = startRun(stepConfig(config, slo, action.rate, settings.settleMs, holdMs), {
      ...(io.log ? { log: io.log } : {}),
      ...(onStart ? { onStart } : {}),
    });
    control.run = run;
    if (control.reason) run.stop(control.reason);
    const result = await run.result;
    control.run = undefined;
    const window = { rate: action.rate, settleS: settings.settleMs / 1000, holdS: holdMs / 1000 };
    const judged = judgeStep(result, window, slo);
    executed.push({
      rate: action.rate,
      confirmation: action.confirmation,
      settleS: window.settleS,
      holdS: window.holdS,
      result,
      judged,
    });
    io.log?.(
      `step ${executed.length}: ${action.rate} req/s${action.confirmation ? ' (confirmation)' : ''} → ` +
        `${judged.verdict}: ${judged.reason}`,
    );
    if (control.reason || judged.verdict === 'interrupted') return { executed };
    await cooldown(settings.cooldownMs, control);
  }
}

function cooldown(ms: number, control: { reason?: string; wake?: () => void }): Promise<void> {
  if (ms <= 0 || control.reason) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      control.wake = undefined;
      resolve();
    }
    control.wake = done;
  });
}
