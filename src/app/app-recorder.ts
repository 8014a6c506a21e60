/**
 * A ResponseSink that reads the app's own figures from every measured response's Server-Timing (only when the
 * run sent the app token: the engine adds this sink then). Per endpoint name, flow steps included.
 */
import type { MeasuredResponse, ResponseSink } from '../load/response-sink.js';
import type { AppFigures } from '../result/run-result.js';
import { appSampleOf } from './app-sample.js';
import { AppTally, mergeAppFigures } from './app-tally.js';

export class AppRecorder implements ResponseSink {
  private readonly tallies = new Map<string, AppTally>();

  add(response: MeasuredResponse): void {
    let tally = this.tallies.get(response.name);
    if (!tally) this.tallies.set(response.name, (tally = new AppTally()));
    const sample = appSampleOf(response.headers?.['server-timing']);
    if (sample && response.status > 0) tally.add(sample, response.serviceMs);
    else tally.without++;
  }

  /** Per endpoint name. */
  figures(): Record<string, AppFigures> {
    return Object.fromEntries([...this.tallies].map(([name, t]) => [name, t.figures()]));
  }
}

/** Per-endpoint figures of several workers or shards as one map. */
export function mergeAppByEndpoint(parts: readonly Record<string, AppFigures>[]): Record<string, AppFigures> {
  const names = new Set(parts.flatMap((p) => Object.keys(p)));
  return Object.fromEntries(
    [...names].map((name) => [name, mergeAppFigures(parts.flatMap((p) => (p[name] ? [p[name]] : [])))]),
  );
}
