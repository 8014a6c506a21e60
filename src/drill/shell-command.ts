/**
 * Runs one drill command through the shell with a timeout. The command gets its own process group so a
 * timeout kills everything it started (`sh -c 'a | b'`, `kubectl … --wait`), not just the shell.
 * Never rejects: a command that cannot start is reported like one that failed.
 */
import { spawn } from 'node:child_process';
import { redactText } from '../util/redact.js';

export const OUTPUT_LIMIT_BYTES = 4096;
/** After SIGTERM on timeout, the group gets this long before SIGKILL. */
const KILL_GRACE_MS = 1000;
/** After the shell exits, output still in the pipes gets this long (a daemon it started may hold them open). */
const PIPE_GRACE_MS = 200;

export interface CommandOutcome {
  exit_code: number | null;
  signal: string | null;
  timed_out: boolean;
  /** stdout and stderr interleaved, redacted, the last OUTPUT_LIMIT_BYTES kept. */
  output: string;
  duration_ms: number;
}

export interface RunningCommand {
  pid: number | undefined;
  done: Promise<CommandOutcome>;
}

export function runShellCommand(command: string, timeoutMs: number): RunningCommand {
  const startedAt = performance.now();
  const output = new TailBuffer(OUTPUT_LIMIT_BYTES * 4);
  let timedOut = false;
  const child = spawn(command, { shell: true, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d: Buffer) => output.push(d));
  child.stderr.on('data', (d: Buffer) => output.push(d));

  const done = new Promise<CommandOutcome>((resolve) => {
    const timers: NodeJS.Timeout[] = [];
    const timeout = setTimeout(() => {
      timedOut = true;
      killGroup(child.pid, 'SIGTERM');
      // Not cleared when the shell exits: what it started may ignore SIGTERM.
      setTimeout(() => killGroup(child.pid, 'SIGKILL'), KILL_GRACE_MS).unref();
    }, timeoutMs);
    timers.push(timeout);
    const finish = (exitCode: number | null, signal: string | null, extra?: string): void => {
      timers.forEach(clearTimeout);
      if (extra) output.push(Buffer.from(extra));
      resolve({
        exit_code: exitCode,
        signal,
        timed_out: timedOut,
        output: truncate(redactText(output.text()), OUTPUT_LIMIT_BYTES),
        duration_ms: Math.round(performance.now() - startedAt),
      });
    };
    child.once('error', (err) => finish(null, null, `could not run the command: ${err.message}\n`));
    child.once('exit', (code, signal) => {
      clearTimeout(timeout);
      const closed = new Promise<void>((r) => child.once('close', () => r()));
      const grace = new Promise<void>((r) => timers.push(setTimeout(r, PIPE_GRACE_MS)));
      void Promise.race([closed, grace]).then(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        const note = timedOut ? `\n[killed after the ${timeoutMs} ms timeout]\n` : undefined;
        finish(code, signal, note);
      });
    });
  });
  return { pid: child.pid, done };
}

function killGroup(pid: number | undefined, signal: NodeJS.Signals): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, signal);
  } catch {
    // The group is already gone.
  }
}

/** Keeps the most recent bytes of a stream, so a chatty command cannot grow memory. */
class TailBuffer {
  private chunks: Buffer[] = [];
  private size = 0;
  private dropped = false;

  constructor(private readonly limit: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    if (this.size > this.limit * 2) {
      const all = Buffer.concat(this.chunks);
      this.chunks = [all.subarray(all.length - this.limit)];
      this.size = this.limit;
      this.dropped = true;
    }
  }

  text(): string {
    const text = Buffer.concat(this.chunks).toString('utf8');
    return this.dropped ? `…${text}` : text;
  }
}

/** The end of the text within `limit` bytes (the end of a failing command's output says why). */
export function truncate(text: string, limit: number): string {
  if (Buffer.byteLength(text) <= limit) return text;
  const marker = '…(truncated)\n';
  const bytes = Buffer.from(text);
  const tail = bytes
    .subarray(bytes.length - (limit - Buffer.byteLength(marker)))
    .toString('utf8')
    .replace(/^\uFFFD+/, '');
  return marker + tail;
}
