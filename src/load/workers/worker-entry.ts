/**
 * A load worker thread: runs one part of the plan in its own LoadEngine (own undici pools, own histograms),
 * starting on the instant the main thread gives, and posts its closed seconds, progress and outcome back;
 * the main thread ends the worker once the outcome has arrived.
 * Loaded as dist/src/load/workers/worker-entry.js (see workers.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { performance } from 'node:perf_hooks';
import { LoadEngine, type LoadOutcome } from '../engine.js';
import { wallClockMs, type FromWorker, type ToWorker, type WorkerInit } from './worker-protocol.js';

const PROGRESS_EVERY_MS = 250;
/** Below this, wait by spinning the event loop instead of a timer, so every worker starts within ~1 ms. */
const SPIN_BELOW_MS = 5;

const port = parentPort!;
const init = workerData as WorkerInit;
const post = (message: FromWorker): void => port.postMessage(message);
const engine = new LoadEngine(init.plan, { onSecond: (row) => post({ type: 'second', row }) });

port.on('message', (message: ToWorker) => {
  if (message.type === 'stop') engine.stop(message.reason);
  else void run(message.atMs + init.phaseMs);
});
// Sockets connect before the start instant, so every worker's first due requests find them open.
engine.prepare().then(
  () => post({ type: 'ready' }),
  (err: unknown) => post({ type: 'error', message: err instanceof Error ? err.message : String(err) }),
);

async function run(atMs: number): Promise<void> {
  let progressTimer: NodeJS.Timeout | undefined;
  try {
    await sleepUntil(atMs);
    const loopStart = performance.eventLoopUtilization();
    progressTimer = setInterval(() => post({ type: 'progress', progress: engine.progress() }), PROGRESS_EVERY_MS);
    const outcome = await engine.run();
    post({
      type: 'outcome',
      outcome: withThreadLoad(outcome, performance.eventLoopUtilization(loopStart).utilization),
    });
  } catch (err) {
    post({
      type: 'error',
      message: err instanceof Error ? err.message : String(err),
      stack: err instanceof Error ? err.stack : undefined,
    });
  } finally {
    clearInterval(progressTimer);
  }
}

/**
 * process.cpuUsage() counts every thread of the process, so in a worker it would blame each worker for all of
 * them; the worker's own event-loop utilization is its share of a core.
 */
function withThreadLoad(outcome: LoadOutcome, utilization: number): LoadOutcome {
  return { ...outcome, generator: { ...outcome.generator, cpu_ratio: Math.round(utilization * 1000) / 1000 } };
}

function sleepUntil(atMs: number): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      const left = atMs - wallClockMs();
      if (left <= 0) resolve();
      else if (left > SPIN_BELOW_MS) setTimeout(check, left - SPIN_BELOW_MS);
      else setImmediate(check);
    };
    check();
  });
}
