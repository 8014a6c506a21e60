/**
 * A target of N backend processes (node HTTP servers, ~5 ms per request, each on its own loopback port)
 * behind a round-robin proxy: what a drill breaks. Each backend keeps a state file with its PID and the
 * time it started listening, so a drill can kill it (`kill <pid>`) and restart it on the same port with a
 * shell command, and the test can tell exactly when it came back.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePorts } from './postgres-cluster.js';
import { startRoundRobinProxy, type OnBackendDown, type RoundRobinProxy } from './round-robin-proxy.js';

const BACKEND = fileURLToPath(new URL('./fleet-backend.mjs', import.meta.url));

export interface BackendState {
  pid: number;
  port: number;
  /** Epoch ms when it started listening (the latest start). */
  ready_ms: number;
}

export interface WorkerFleet {
  /** The proxy: the URL to load. */
  url: string;
  ports: number[];
  state(i: number): BackendState;
  /** Shell command that kills backend i as it runs now (SIGTERM: the process exits at once). */
  killCommand(i: number): string;
  /** Shell command that starts backend i again on its port and returns once it listens. */
  restartCommand(i: number): string;
  stop(): Promise<void>;
}

export async function startWorkerFleet(options: { size?: number; onDown?: OnBackendDown } = {}): Promise<WorkerFleet> {
  const size = options.size ?? 3;
  const dir = mkdtempSync(join(tmpdir(), 'scale-audit-fleet-'));
  const ports = await freePorts(size);
  const stateFile = (i: number): string => join(dir, `backend-${i}.json`);
  const readState = (i: number): BackendState | undefined =>
    existsSync(stateFile(i)) ? (JSON.parse(readFileSync(stateFile(i), 'utf8')) as BackendState) : undefined;
  const backendArgs = (i: number): string[] => [
    BACKEND,
    '--port',
    String(ports[i]),
    '--id',
    String(i),
    '--state',
    stateFile(i),
  ];
  let proxy: RoundRobinProxy | undefined;

  // Every backend PID ever seen in a state file: all started by this fleet (or by a drill's restart of it).
  const seen = new Set<number>();
  const killAll = (): void => {
    for (let i = 0; i < size; i++) {
      const pid = readState(i)?.pid;
      if (pid) seen.add(pid);
    }
    for (const pid of seen) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  };
  process.on('exit', killAll);

  const stop = async (): Promise<void> => {
    killAll();
    process.off('exit', killAll);
    await proxy?.stop();
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    for (let i = 0; i < size; i++) {
      const child = spawn(process.execPath, backendArgs(i), { stdio: 'ignore' });
      seen.add(child.pid!);
    }
    await waitFor(() => ports.every((_, i) => readState(i) !== undefined), 10_000, 'backends did not start');
    proxy = await startRoundRobinProxy(ports, options.onDown ?? '502');
  } catch (err) {
    await stop();
    throw err;
  }

  const state = (i: number): BackendState => {
    const s = readState(i);
    if (!s) throw new Error(`backend ${i} has no state`);
    seen.add(s.pid);
    return s;
  };
  return {
    url: proxy.url,
    ports,
    state,
    killCommand: (i) => `kill ${state(i).pid}`,
    restartCommand: (i) => [process.execPath, ...backendArgs(i), '--daemon'].map(shellQuote).join(' '),
    stop,
  };
}

const shellQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

async function waitFor(ok: () => boolean, timeoutMs: number, message: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(message);
    await new Promise((r) => setTimeout(r, 20));
  }
}
