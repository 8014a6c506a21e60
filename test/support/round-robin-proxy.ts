/**
 * A round-robin HTTP reverse proxy in its own process (so it never shares the generator's event loop),
 * in front of backends on loopback ports. A request sent to a backend that is down fails at once:
 * `onDown: '502'` answers 502 Bad Gateway, `onDown: 'reset'` resets the client's connection.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export type OnBackendDown = '502' | 'reset';

export interface RoundRobinProxy {
  url: string;
  port: number;
  pid: number;
  stop(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./round-robin-proxy-child.mjs', import.meta.url));

export async function startRoundRobinProxy(backendPorts: number[], onDown: OnBackendDown): Promise<RoundRobinProxy> {
  const child = spawn(process.execPath, [CHILD, JSON.stringify({ backends: backendPorts, onDown })], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const killOnExit = (): void => void child.kill('SIGKILL');
  process.on('exit', killOnExit);
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) =>
      resolve((JSON.parse(line) as { port: number }).port),
    );
    child.once('exit', (code) => reject(new Error(`round-robin proxy exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid!,
    stop: () =>
      new Promise<void>((resolve) => {
        process.off('exit', killOnExit);
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
