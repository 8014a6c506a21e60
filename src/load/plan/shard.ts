/**
 * Distributed load: `run --shard i/N` runs the i-th of N equal parts of the plan (1-based, as `--shard 1/3`),
 * on as many machines as there are shards; `merge` then adds the shard results up. `--shard auto/N` takes i
 * from a Kubernetes Indexed Job (JOB_COMPLETION_INDEX, 0-based, so pod 0 runs shard 1).
 *
 * Every shard stamps its result with a fingerprint of the whole plan (before sharding), so merge can refuse
 * shards that ran different plans. Sources (databases, caches, queues) are sampled by one shard only —
 * `sources.shard`, default 1 — since every shard would see the same servers.
 */
import { createHash } from 'node:crypto';
import type { Config } from '../../config/schema.js';
import { ConfigError } from '../../errors.js';
import type { EnginePlan } from '../engine.js';
import { planPart } from './split-plan.js';
import type { RunPlan } from '../../result/run-result.js';
import { flowFingerprint } from '../../flow/flow-part.js';

export interface ShardSpec {
  /** 1-based. */
  index: number;
  count: number;
}

export const JOB_INDEX_ENV = 'JOB_COMPLETION_INDEX';

/** "2/3" → {index: 2, count: 3}; "auto/3" reads JOB_COMPLETION_INDEX (0-based) from `env`. */
export function parseShard(spec: string, env: Readonly<Record<string, string | undefined>> = process.env): ShardSpec {
  const m = /^\s*(\d+|auto)\s*\/\s*(\d+)\s*$/.exec(spec);
  if (!m) throw new ConfigError(`shard: expected i/N like 1/3, or auto/N, got ${JSON.stringify(spec)}`);
  const count = Number(m[2]);
  if (count < 1) throw new ConfigError(`shard: the shard count must be at least 1, got ${JSON.stringify(spec)}`);
  const index = m[1] === 'auto' ? jobIndex(env, spec) + 1 : Number(m[1]);
  if (index < 1 || index > count) {
    throw new ConfigError(
      `shard: ${m[1] === 'auto' ? `${JOB_INDEX_ENV}=${index - 1} gives shard ${index}, ` : ''}expected a shard ` +
        `between 1 and ${count} (1-based), got ${JSON.stringify(spec)}`,
    );
  }
  return { index, count };
}

function jobIndex(env: Readonly<Record<string, string | undefined>>, spec: string): number {
  const raw = env[JOB_INDEX_ENV];
  if (raw === undefined || !/^\d+$/.test(raw.trim())) {
    throw new ConfigError(
      `shard ${spec}: ${JOB_INDEX_ENV} is ` +
        `${raw === undefined ? 'not set' : `not an index (${JSON.stringify(raw)})`}; "auto" is for Kubernetes ` +
        `Indexed Jobs — elsewhere pass --shard i/N`,
    );
  }
  return Number(raw.trim());
}

/** The shard of the config (`shard: "i/N"` or --shard), validated against `sources.shard`; undefined when unsharded. */
export function resolveShard(
  config: Pick<Config, 'shard' | 'sources'>,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ShardSpec | undefined {
  if (config.shard === undefined) return undefined;
  const shard = parseShard(config.shard, env);
  const sampler = config.sources.shard ?? 1;
  if (sampler > shard.count)
    throw new ConfigError(
      `sources.shard: ${sampler} is not one of the ${shard.count} shards; no shard would sample the sources`,
    );
  return shard;
}

/** The part of the plan this shard sends: 1/count of the rate (or of the virtual users). Pure. */
export function shardPlan(plan: EnginePlan, shard: ShardSpec): EnginePlan {
  return planPart(plan, shard.index - 1, shard.count, 'shard');
}

/** True when this process should sample the sources: unsharded runs, and the shard named by sources.shard. */
export function samplesSources(config: Pick<Config, 'sources'>, shard: ShardSpec | undefined): boolean {
  return shard === undefined || shard.index === (config.sources.shard ?? 1);
}

/**
 * A short hash of what decides the load: endpoints (method, URL, body, weight, expected statuses, header names —
 * not header values, which may be per-shard credentials), the schedule or virtual users, timeouts, bounds, seed,
 * and the shard count. Computed on the whole plan, so every shard of one plan gets the same value.
 */
export function planFingerprint(plan: EnginePlan, count: number): string {
  const canonical = {
    count,
    endpoints: plan.endpoints.map((e) => ({
      name: e.name,
      method: e.request.method,
      url: e.origin + e.request.path,
      body: typeof e.request.body === 'string' ? e.request.body : null,
      weight: e.weight,
      expect: e.expect ? [...e.expect].sort((a, b) => a - b) : null,
      headers: Object.keys(e.request.headers ?? {})
        .map((h) => h.toLowerCase())
        .sort(),
    })),
    model:
      plan.model.kind === 'open'
        ? {
            kind: 'open',
            warmupMs: plan.model.warmupMs,
            segments: plan.model.segments.map((s) => [s.durationMs, s.from, s.to]),
          }
        : {
            kind: 'closed',
            connections: plan.model.connections,
            thinkMs: plan.model.thinkMs,
            durationMs: plan.model.durationMs,
            warmupMs: plan.model.warmupMs,
          },
    timeoutMs: plan.timeoutMs,
    maxInFlight: plan.maxInFlight,
    pool: plan.pool,
    pipelining: plan.pipelining,
    seed: plan.seed,
    ...flowFingerprint(plan),
  };
  return createHash('sha256').update(JSON.stringify(canonical)).digest('hex').slice(0, 16);
}

/** What a shard adds to its RunPlan; `plan` is the whole plan, before shardPlan(). */
export function describeShard(plan: EnginePlan, shard: ShardSpec): Required<Pick<RunPlan, 'shard' | 'fingerprint'>> {
  return { shard: { index: shard.index, count: shard.count }, fingerprint: planFingerprint(plan, shard.count) };
}
