import type { CacheEvidence, Evidence, QueueEvidence } from '../result/evidence.js';
import { hitRatio } from '../sources/redis/hit-ratio.js';

/**
 * One Evidence from the shares of several sources. Several Redis servers add up (hit ratio recomputed from
 * the summed hits and misses); several queue sources add up (depths and slopes summed, the slowest drain
 * wins); any other section merges key by key: arrays concatenated, objects merged, for numbers named
 * *max*, *p95*, *p99* the larger, else the first source's value.
 */
export function mergeEvidence(parts: readonly Evidence[]): Evidence {
  const merged: Evidence = {};
  for (const part of parts) {
    for (const [section, value] of Object.entries(part) as [keyof Evidence, unknown][]) {
      if (value === undefined) continue;
      const existing = merged[section];
      if (existing === undefined) (merged as Record<string, unknown>)[section] = value;
      else if (section === 'cache') merged.cache = mergeCache(existing as CacheEvidence, value as CacheEvidence);
      else if (section === 'queues') merged.queues = mergeQueues(existing as QueueEvidence, value as QueueEvidence);
      else (merged as Record<string, unknown>)[section] = mergeGeneric(existing, value);
    }
  }
  return merged;
}

function sum(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : a + b;
}

function max(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.max(a, b);
}

function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function mergeCache(a: CacheEvidence, b: CacheEvidence): CacheEvidence {
  const hits = sum(a.hits, b.hits);
  const misses = sum(a.misses, b.misses);
  return defined({
    hit_ratio: hits !== undefined && misses !== undefined ? hitRatio(hits, misses) : (a.hit_ratio ?? b.hit_ratio),
    hits,
    misses,
    evictions: sum(a.evictions, b.evictions),
    memory_ratio: max(a.memory_ratio, b.memory_ratio),
    connected_clients_max: max(a.connected_clients_max, b.connected_clients_max),
    ops_per_s: sum(a.ops_per_s, b.ops_per_s),
    session_keys: sum(a.session_keys, b.session_keys),
  });
}

export function mergeQueues(a: QueueEvidence, b: QueueEvidence): QueueEvidence {
  const drain = a.drain_s === null || b.drain_s === null ? null : max(a.drain_s, b.drain_s);
  return defined({
    names: [...a.names, ...b.names],
    depth_max: sum(a.depth_max, b.depth_max),
    depth_start: sum(a.depth_start, b.depth_start),
    depth_end: sum(a.depth_end, b.depth_end),
    slope_per_s: sum(a.slope_per_s, b.slope_per_s),
    drain_s: drain,
    active_queues: sum(a.active_queues, b.active_queues),
    by_queue: a.by_queue || b.by_queue ? { ...a.by_queue, ...b.by_queue } : undefined,
    unacked_max: sum(a.unacked_max, b.unacked_max),
    flow_measured_by:
      a.flow_measured_by && b.flow_measured_by && a.flow_measured_by !== b.flow_measured_by
        ? `${a.flow_measured_by}; ${b.flow_measured_by}`
        : (a.flow_measured_by ?? b.flow_measured_by),
  });
}

function mergeGeneric(a: unknown, b: unknown, key = ''): unknown {
  if (Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (isObject(a) && isObject(b)) {
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = k in out ? mergeGeneric(out[k], v, k) : v;
    return out;
  }
  if (typeof a === 'number' && typeof b === 'number' && /max|p95|p99/.test(key)) return Math.max(a, b);
  return a ?? b;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
