/**
 * How this process takes part in a run: which part of the plan it sends (its shard, or all of it), on how many
 * worker threads, what run.json says was planned, and whether it samples the sources. One call for the pipeline.
 */
import type { Config } from '../../config/schema.js';
import type { RunPlan } from '../../result/run-result.js';
import type { EnginePlan } from '../engine.js';
import { buildEnginePlan, describePlan } from './plan.js';
import { describeShard, resolveShard, samplesSources, shardPlan, type ShardSpec } from './shard.js';
import { resolveWorkers } from './worker-count.js';

export interface LoadDistribution {
  /** The whole plan: every shard and worker together. */
  whole: EnginePlan;
  /** What this process sends: its shard of the whole, or the whole. */
  plan: EnginePlan;
  shard?: ShardSpec;
  /** Worker threads for `plan` (resolveWorkers: --workers, default the cores, 1 for small loads). */
  workers: number;
  /** run.json `plan`: the whole plan, plus this shard and the plan fingerprint when sharded. */
  runPlan: RunPlan;
  /** This process samples the sources (and runs the edge probe and drill actions): unsharded, or the sources.shard. */
  samplesSources: boolean;
}

export function distributeLoad(
  config: Config,
  env: Readonly<Record<string, string | undefined>> = process.env,
): LoadDistribution {
  const shard = resolveShard(config, env);
  const whole = buildEnginePlan(config);
  const plan = shard ? shardPlan(whole, shard) : whole;
  const workers = resolveWorkers(plan, config.workers);
  const runPlan: RunPlan = { ...describePlan(config, whole, workers), ...(shard ? describeShard(whole, shard) : {}) };
  return { whole, plan, ...(shard ? { shard } : {}), workers, runPlan, samplesSources: samplesSources(config, shard) };
}
