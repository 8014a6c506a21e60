/**
 * What failed during a fault, by kind: transport classes (timeout, reset, refused, tls, other) as the engine
 * classified them, and HTTP errors by status code, so fast rejections (429/503) read apart from other 5xx.
 */
import { formatPercent } from '../util/format.js';
import type { TimelineRow } from '../result/run-result.js';

/** Status codes that mean "shed": the service refused work quickly and on purpose. */
export const SHED_STATUSES = new Set(['429', '503']);

/**
 * A second's errors by class; HTTP errors are named by their status code ("502"), or "http" when no code
 * explains them.
 */
export function errorClassesOf(row: Pick<TimelineRow, 'errors_by_class' | 'status_codes'>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [cls, n] of Object.entries(row.errors_by_class)) if (cls !== 'http' && n) out[cls] = n;
  const http = row.errors_by_class.http ?? 0;
  if (http === 0) return out;
  const failing = Object.entries(row.status_codes).filter(([code, n]) => Number(code) >= 400 && n > 0);
  const explained = failing.reduce((a, [, n]) => a + n, 0);
  // With `expect` an endpoint may accept a 4xx; then the codes cannot say which errors were which.
  if (explained > http) {
    out.http = http;
    return out;
  }
  for (const [code, n] of failing) out[code] = n;
  if (http > explained) out.http = http - explained;
  return out;
}

export function addClasses(into: Record<string, number>, more: Record<string, number>): Record<string, number> {
  for (const [cls, n] of Object.entries(more)) into[cls] = (into[cls] ?? 0) + n;
  return into;
}

const LABELS: Record<string, string> = {
  reset: 'resets',
  timeout: 'timeouts',
  refused: 'refused connections',
  tls: 'TLS errors',
  other: 'other errors',
  http: 'HTTP errors',
  extract: 'extraction failures',
  csrf: 'CSRF rejections',
};

export function classLabel(cls: string): string {
  if (LABELS[cls]) return LABELS[cls];
  return SHED_STATUSES.has(cls) ? `${cls}s (shed)` : `${cls}s`;
}

/** "all resets", "71% resets, 29% 502s" — the biggest three classes. */
export function describeClasses(byClass: Record<string, number>): string {
  const classes = Object.entries(byClass)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  const total = classes.reduce((a, [, n]) => a + n, 0);
  if (total === 0) return 'no errors';
  if (classes.length === 1) return `all ${classLabel(classes[0]![0])}`;
  const shown = classes.slice(0, 3).map(([cls, n]) => `${formatPercent(n / total, 0)} ${classLabel(cls)}`);
  if (classes.length > 3) shown.push('others');
  return shown.join(', ');
}
