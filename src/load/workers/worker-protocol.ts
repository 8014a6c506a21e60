/** Messages between the main thread (WorkerPoolEngine) and a load worker thread (worker-entry). */
import type { EnginePlan, LoadOutcome, Progress } from '../engine.js';
import type { TimelineRow } from '../../result/run-result.js';

/** workerData of a load worker. */
export interface WorkerInit {
  index: number;
  plan: EnginePlan;
  /** Added to the shared start instant so the parts' arrivals interleave instead of leaving together. */
  phaseMs: number;
}

export type ToWorker =
  /** Start the engine at this wall-clock instant (performance.timeOrigin + performance.now() scale, ms). */
  { type: 'start'; atMs: number } | { type: 'stop'; reason: string };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'progress'; progress: Progress }
  | { type: 'second'; row: TimelineRow }
  | { type: 'outcome'; outcome: LoadOutcome }
  | { type: 'error'; message: string; stack?: string };

/** Wall-clock ms with sub-millisecond resolution, comparable across threads of one process. */
export const wallClockMs = (): number => performance.timeOrigin + performance.now();
