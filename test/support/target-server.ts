import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

export interface TargetStats {
  count: number;
  byPath: Record<string, number>;
  firstAt: number;
  lastAt: number;
}

export interface TargetServer {
  url: string;
  port: number;
  stats(): Promise<TargetStats>;
  reset(): Promise<void>;
  /** Busy-waits the server's event loop for `ms` after `afterMs`: every response in that window stalls. */
  stall(ms: number, afterMs?: number): Promise<void>;
  close(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./target-server-child.mjs', import.meta.url));

/** Starts the known-behaviour target in its own process on a free loopback port. */
export async function startTargetServer(): Promise<TargetServer> {
  const child: ChildProcess = spawn(process.execPath, [CHILD], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => resolve((JSON.parse(line) as { port: number }).port));
    child.once('exit', (code) => reject(new Error(`target server exited with ${code}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  const get = async (path: string): Promise<string> => (await fetch(url + path)).text();
  return {
    url,
    port,
    stats: async () => JSON.parse(await get('/__stats')) as TargetStats,
    reset: async () => void (await get('/__reset')),
    stall: async (ms, afterMs = 0) => void (await get(`/__stall?ms=${ms}&after=${afterMs}`)),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
