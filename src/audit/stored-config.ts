/**
 * The audit part of the config stored in a run.json, for re-auditing a stored run (`report`). run.json keeps the
 * validated config (durations in ms, ratios 0–1); written units ("300ms", "1%", "last 60s") are read too.
 */
import { parseDuration, parseRatio } from '../config/units.js';
import type { AuditConfig } from './audit-config.js';

const LATENCY = ['p50', 'p90', 'p95', 'p99'] as const;
const BUDGET_DURATIONS = ['replica_lag', 'drain', 'recovery', 'pool_wait'] as const;
const BUDGET_RATIOS = ['drill_error_rate', 'offload'] as const;
const BUDGET_COUNTS = ['queries_per_request', 'queue_depth'] as const;

export function auditConfigFromStored(stored: Record<string, unknown>): AuditConfig {
  const slo = record(stored.slo);
  const budgets = record(stored.budgets);
  const edge = record(stored.edge);
  const endpoints: AuditConfig['slo']['endpoints'] = {};
  for (const [name, raw] of Object.entries(record(slo.endpoints))) endpoints[name] = latencySlo(record(raw));
  const flows: NonNullable<AuditConfig['slo']['flows']> = {};
  for (const [name, raw] of Object.entries(record(slo.flows))) flows[name] = latencySlo(record(raw));
  const config: AuditConfig = {
    slo: {
      ...latencySlo(slo),
      ...opt('throughput', ratio(slo.throughput)),
      ...opt('over', window(slo.over)),
      endpoints,
      ...(Object.keys(flows).length ? { flows } : {}),
    },
    budgets: {},
    checks: {},
  };
  for (const k of BUDGET_DURATIONS) assign(config.budgets, k, duration(budgets[k], k === 'pool_wait' ? 'ms' : 's'));
  for (const k of BUDGET_RATIOS) assign(config.budgets, k, ratio(budgets[k]));
  for (const k of BUDGET_COUNTS) assign(config.budgets, k, count(budgets[k]));
  for (const [id, raw] of Object.entries(record(stored.checks))) {
    const entries = Object.entries(record(raw)).filter((e): e is [string, number | string | boolean] =>
      ['number', 'string', 'boolean'].includes(typeof e[1]),
    );
    config.checks[id] = Object.fromEntries(entries);
  }
  const target = ratio(edge.offload_target);
  if (target !== undefined) config.edge = { offload_target: target };
  return config;
}

function latencySlo(raw: Record<string, unknown>) {
  const out: { p50?: number; p90?: number; p95?: number; p99?: number; error_rate?: number } = {};
  for (const p of LATENCY) assign(out, p, duration(raw[p], 'ms'));
  assign(out, 'error_rate', ratio(raw.error_rate));
  return out;
}

const record = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};

/** Numbers are already ms (validated form); strings are written durations, bare ones in `bare` units. */
function duration(v: unknown, bare: 's' | 'ms'): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) && v > 0 ? v : undefined;
  return typeof v === 'string' ? parseDuration(v, bare) : undefined;
}

function ratio(v: unknown): number | undefined {
  if (typeof v !== 'number' && typeof v !== 'string') return undefined;
  const r = parseRatio(v);
  return r !== undefined && r <= 1 ? r : undefined;
}

const count = (v: unknown): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;

function window(v: unknown): number | undefined {
  if (typeof v === 'number') return v > 0 ? v : undefined;
  const m = typeof v === 'string' ? /^last\s+(.+)$/i.exec(v.trim()) : null;
  return m ? parseDuration(m[1]!) : undefined;
}

function assign<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | undefined): void {
  if (value !== undefined) target[key] = value;
}

function opt<K extends string>(key: K, value: number | undefined): { [P in K]?: number } {
  return value === undefined ? {} : ({ [key]: value } as { [P in K]: number });
}
