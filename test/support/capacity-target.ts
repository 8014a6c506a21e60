/** A target of known capacity (workers ÷ service time) in its own process on a free loopback port. */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface CapacityTarget {
  url: string;
  /** Requests per second it can serve: workers ÷ service time. */
  capacity: number;
  stats(): Promise<{ served: number; busy: number; waiting: number; peakBusy: number }>;
  close(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./capacity-target-child.mjs', import.meta.url));

export async function startCapacityTarget(workers: number, serviceMs: number): Promise<CapacityTarget> {
  const child = spawn(process.execPath, [CHILD], {
    env: { ...process.env, WORKERS: String(workers), SERVICE_MS: String(serviceMs) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) =>
      resolve((JSON.parse(line) as { port: number }).port),
    );
    child.once('exit', (code) => reject(new Error(`capacity target exited with ${code}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    capacity: (workers * 1000) / serviceMs,
    stats: async () => (await (await fetch(`${url}/__stats`)).json()) as Awaited<ReturnType<CapacityTarget['stats']>>,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
