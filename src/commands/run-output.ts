/** What `run` prints and which exit code it returns, given a finished RunResult. */
import type { Config } from '../config/schema.js';
import type { RunResult } from '../result/run-result.js';
import { EXIT } from '../errors.js';

export function renderRunOutput(result: RunResult, config: Config): string {
  if (config.format === 'json') return `${JSON.stringify(result, null, 2)}\n`;
  const s = result.summary;
  return [
    `requests ${s.requests}  rps ${s.rps}  errors ${s.errors} (${(s.error_rate * 100).toFixed(2)}%)  dropped ${s.dropped}`,
    `latency p50 ${s.latency_ms.p50} ms  p95 ${s.latency_ms.p95} ms  p99 ${s.latency_ms.p99} ms  max ${s.latency_ms.max} ms`,
    '',
  ].join('\n');
}

export function runExitCode(result: RunResult, _config: Config): number {
  if (result.stop_reason?.startsWith('aborted')) return EXIT.gate;
  return result.gates.some((g) => !g.passed) ? EXIT.gate : EXIT.ok;
}
