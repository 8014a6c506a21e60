/**
 * The live progress line on a TTY: elapsed, successful req/s with the answered rate beside it, p95, errors, in
 * flight. Silent when piped, in CI or --quiet.
 */
import type { Progress } from '../load/engine.js';
import { formatDuration } from '../util/format.js';

export function shouldShowLive(stream: NodeJS.WriteStream, quiet: boolean, env = process.env): boolean {
  return !quiet && stream.isTTY === true && !env.CI && env.TERM !== 'dumb';
}

export function formatLiveLine(p: Progress, totalS: number): string {
  // Warmup responses are not recorded: only the clock and what is in flight mean anything yet.
  if (p.elapsedS < p.warmupS)
    return `warmup ${Math.floor(p.elapsedS)}s/${p.warmupS.toFixed(0)}s  in flight ${p.inFlight}`;
  const pct = p.requests ? (p.errors / p.requests) * 100 : 0;
  return [
    `${Math.floor(p.elapsedS - p.warmupS)}s/${(totalS - p.warmupS).toFixed(0)}s`,
    `${p.successRps.toFixed(0)} ok/s (answered ${p.rps.toFixed(0)} req/s)`,
    `p95 ${p.requests ? formatDuration(p.p95) : '–'}`,
    `errors ${p.errors} (${pct.toFixed(1)}%)`,
    `in flight ${p.inFlight}`,
    ...(p.dropped ? [`dropped ${p.dropped}`] : []),
  ].join('  ');
}

/**
 * Starts redrawing the line every second (after `label`, e.g. the capacity step); returns a function that stops and
 * clears it.
 */
export function startLiveLine(
  stream: NodeJS.WriteStream,
  read: () => Progress,
  totalS: number,
  label?: string,
): () => void {
  const draw = (): void => {
    stream.write(`\r\x1b[2K${label ? `${label}  ` : ''}${formatLiveLine(read(), totalS)}`);
  };
  const timer = setInterval(draw, 1000);
  return () => {
    clearInterval(timer);
    stream.write('\r\x1b[2K');
  };
}
