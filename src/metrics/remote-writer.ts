/**
 * `--prometheus-rw URL`: pushes the run's registry to a Prometheus remote-write receiver every few seconds and
 * once more at the end, and that last push is awaited (bounded) before the run exits — the push lost at exit is
 * the complaint users of other tools have. Protobuf and snappy framing come from prometheus-remote-write
 * (protobufjs + snappyjs). A failing push never fails the run: it is reported once, and at the end.
 */
import { pushTimeseries } from 'prometheus-remote-write';
import type { OpenMetricsContentType, Registry } from 'prom-client';
import { fetch } from 'undici';
import { redactUrl } from '../util/redact.js';

export const PUSH_EVERY_MS = 5000;
const PUSH_TIMEOUT_MS = 5000;

export interface RemoteSeries {
  labels: { __name__: string; [label: string]: string };
  samples: { value: number; timestamp: number }[];
}

export class RemoteWriter {
  private timer: NodeJS.Timeout | undefined;
  private pushing: Promise<void> = Promise.resolve();
  private readonly endpoint: string;
  private readonly auth: { username: string; password: string } | undefined;
  pushed = 0;
  failed = 0;
  lastError: string | undefined;

  constructor(
    url: string,
    private readonly registry: Registry<OpenMetricsContentType>,
    private readonly log: (line: string) => void = () => undefined,
  ) {
    const parsed = new URL(url);
    this.auth = parsed.username
      ? { username: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) }
      : undefined;
    parsed.username = '';
    parsed.password = '';
    this.endpoint = parsed.toString();
    redactUrl(url); // remembers the password, so no message can show it
  }

  get target(): string {
    return this.endpoint;
  }

  start(everyMs = PUSH_EVERY_MS): void {
    this.timer = setInterval(() => void this.push(), everyMs);
    this.timer.unref();
  }

  /** Stops the interval and pushes the final figures; resolves once the receiver answered (or timed out). */
  async flush(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.push();
  }

  /** Stops pushing without a final push; waits for one under way. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.pushing;
  }

  /** One push after the previous one settled, so samples of one series reach the receiver in order. */
  push(): Promise<void> {
    this.pushing = this.pushing.then(() => this.pushOnce());
    return this.pushing;
  }

  private async pushOnce(): Promise<void> {
    const series = toRemoteSeries(await this.registry.getMetricsAsJSON(), Date.now());
    try {
      const result = await pushTimeseries(series, {
        url: this.endpoint,
        auth: this.auth,
        headers: { 'Content-Encoding': 'snappy', 'X-Prometheus-Remote-Write-Version': '0.1.0' },
        fetch: (target, init) =>
          fetch(target, {
            method: init?.method,
            headers: init?.headers,
            body: new Uint8Array(init!.body),
            signal: AbortSignal.timeout(PUSH_TIMEOUT_MS),
          }),
      });
      if (result.status < 200 || result.status >= 300) {
        throw new Error(`HTTP ${result.status} ${result.errorMessage ?? result.statusText}`.trim());
      }
      this.pushed += 1;
    } catch (err) {
      this.failed += 1;
      const reason =
        err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err);
      if (this.failed === 1) this.log(`metrics: remote write to ${this.endpoint} failed: ${reason}`);
      this.lastError = reason;
    }
  }
}

interface JsonMetric {
  name: string;
  type: unknown;
  values: { value: number; labels?: Record<string, string | number | undefined>; metricName?: string }[];
}

/** The registry's series as remote-write time series: counters get `_total` as in the OpenMetrics exposition. */
export function toRemoteSeries(metrics: readonly JsonMetric[], timestamp: number): RemoteSeries[] {
  return metrics.flatMap((m) =>
    m.values.map((v) => {
      const name = v.metricName ?? (m.type === 'counter' ? `${m.name}_total` : m.name);
      const labels: RemoteSeries['labels'] = { __name__: name, job: 'scale-audit' };
      for (const [k, value] of Object.entries(v.labels ?? {})) if (value !== undefined) labels[k] = String(value);
      return { labels, samples: [{ value: v.value, timestamp }] };
    }),
  );
}
