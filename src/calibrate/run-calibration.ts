/**
 * Runs a calibration: the configured load model against the null server (the floor), then the short search for
 * the highest open rate held with the configured workers. The only I/O of src/calibrate/.
 */
import { validateConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import type { LoadOutcome } from '../load/engine.js';
import { buildEnginePlan } from '../load/plan/plan.js';
import { resolveWorkers } from '../load/plan/worker-count.js';
import { createLoadRunner } from '../load/workers/workers.js';
import { judgeStep, planFits, plannedRate } from './calibration.js';
import type { Calibration, CalibrationFloor, CalibrationStep } from './calibration.js';
import { startNullServer } from './null-server.js';
import { DEFAULT_SEARCH, nextStep } from './search.js';

export interface CalibrateSettings {
  /** Length of the floor run and of each search step. */
  durationMs: number;
  /** The search's first rate and its ceiling (req/s). */
  start: number;
  max: number;
}

export const DEFAULT_CALIBRATE: CalibrateSettings = { durationMs: 2000, start: 1000, max: 100_000 };

/** The configured load (model, workers, pool, timeouts) sent as GET / to the null server, measured from t = 0. */
function againstNullServer(config: Config, origin: string, durationMs: number): Config {
  const bare = validateConfig({ target: origin, endpoints: [{ name: 'null', path: '/' }] });
  const load = { ...config.load, duration: durationMs, warmup: 0 };
  return { ...bare, load, ...(config.workers !== undefined ? { workers: config.workers } : {}) };
}

/** The floor run's plan: the configured one for --duration (stages: their peak rate), capped at the ceiling. */
function floorConfig(config: Config, max: number): Config {
  const peak = plannedRate(config);
  return peak === null ? config : openAt(config, Math.min(peak, max));
}

const openAt = (config: Config, rate: number): Config => ({
  ...config,
  load: { ...config.load, rate, stages: undefined, connections: undefined, start_rate: 0 },
});

async function drive(config: Config): Promise<{ outcome: LoadOutcome; workers: number }> {
  const plan = buildEnginePlan(config);
  const workers = resolveWorkers(plan, config.workers);
  return { outcome: await createLoadRunner(plan, workers).run(), workers };
}

function floorOf(config: Config, outcome: LoadOutcome): CalibrationFloor {
  const { summary, generator } = outcome;
  const load = config.load;
  return {
    model: load.connections !== undefined ? 'closed' : 'open',
    ...(load.rate !== undefined ? { rate: load.rate } : {}),
    ...(load.connections !== undefined ? { connections: load.connections } : {}),
    duration_s: outcome.durationS,
    requests: summary.requests,
    added_latency_ms: { p50: summary.latency_ms.p50, p99: summary.latency_ms.p99 },
    event_loop_delay_ms: generator.event_loop_delay_ms,
    schedule_lag_ms: generator.schedule_lag_ms,
    lagged: generator.lagged,
  };
}

export async function runCalibration(
  config: Config,
  settings: CalibrateSettings = DEFAULT_CALIBRATE,
  onStep: (step: CalibrationStep) => void = () => undefined,
): Promise<Calibration> {
  const server = await startNullServer();
  try {
    const base = againstNullServer(config, server.origin, settings.durationMs);
    const floorPlan = floorConfig(base, settings.max);
    const floor = await drive(floorPlan);
    const options = { ...DEFAULT_SEARCH, start: Math.min(settings.start, settings.max), max: settings.max };
    const steps: CalibrationStep[] = [];
    for (let action = nextStep(options, steps); ; action = nextStep(options, steps)) {
      if ('done' in action) {
        const planned = plannedRate(config);
        return {
          version: 1,
          workers: floor.workers,
          floor: floorOf(floorPlan, floor.outcome),
          ...action.done,
          steps,
          planned_rate: planned,
          plan_fits: planFits(planned, action.done.max_rate),
        };
      }
      const { outcome } = await drive(openAt(base, action.next));
      steps.push(judgeStep(action.next, outcome));
      onStep(steps[steps.length - 1]!);
    }
  } finally {
    await server.close();
  }
}
