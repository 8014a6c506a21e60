/** A response's Server-Timing value as an AppSample: undefined when the app did not report (no sa-app metric). */
import { APP_METRIC, type AppSample } from './wire-format.js';
import { parseServerTiming, type ServerTimingMetric } from './server-timing.js';

const number = (raw: string | undefined): number => {
  const n = raw === undefined ? 0 : Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : 0;
};

export function appSampleOf(headerValue: string | readonly string[] | undefined): AppSample | undefined {
  if (headerValue === undefined) return undefined;
  const metrics = parseServerTiming(typeof headerValue === 'string' ? headerValue : headerValue.join(', '));
  const app = metrics.find((m) => m.name === APP_METRIC.app);
  if (!app) return undefined;
  const get = (name: string): ServerTimingMetric['params'] => metrics.find((m) => m.name === name)?.params ?? {};
  const db = get(APP_METRIC.db);
  const cache = get(APP_METRIC.cache);
  const queue = metrics.find((m) => m.name === APP_METRIC.queue);
  const dup = metrics.find((m) => m.name === APP_METRIC.dup);
  const tasks: Record<string, number> = {};
  for (const m of metrics) {
    if (m.name === APP_METRIC.task && m.params.desc)
      tasks[m.params.desc] = (tasks[m.params.desc] ?? 0) + number(m.params.n);
  }
  return {
    appMs: number(app.params.dur),
    ...(queue ? { queueMs: number(queue.params.dur) } : {}),
    dbMs: number(db.dur),
    queries: number(db.n),
    duplicates: number(db.dup),
    cacheHits: number(cache.hit),
    cacheMisses: number(cache.miss),
    tasks,
    ...(dup?.params.desc ? { topDuplicate: { statement: dup.params.desc, n: number(dup.params.n) } } : {}),
  };
}

const quoted = (text: string): string => `"${text.replace(/[^\x20-\x7e]/g, '?').replace(/["\\]/g, '\\$&')}"`;
const dur = (ms: number): string => String(Math.round(ms * 100) / 100);

/** The Server-Timing value an app emits for a sample (what integrations/django writes; the demo target uses it). */
export function formatAppSample(s: AppSample): string {
  const parts = [`${APP_METRIC.app};dur=${dur(s.appMs)}`];
  if (s.queueMs !== undefined) parts.push(`${APP_METRIC.queue};dur=${dur(s.queueMs)}`);
  parts.push(`${APP_METRIC.db};dur=${dur(s.dbMs)};n=${s.queries};dup=${s.duplicates}`);
  parts.push(`${APP_METRIC.cache};hit=${s.cacheHits};miss=${s.cacheMisses}`);
  if (s.topDuplicate) parts.push(`${APP_METRIC.dup};n=${s.topDuplicate.n};desc=${quoted(s.topDuplicate.statement)}`);
  for (const [queue, n] of Object.entries(s.tasks)) parts.push(`${APP_METRIC.task};n=${n};desc=${quoted(queue)}`);
  return parts.join(', ');
}
