/**
 * Which shard results may be merged: all written by the same scale-audit version, all shards of one plan
 * (same fingerprint and shard count), each shard once, none missing (unless asked). Anything else is a usage
 * error (exit 2) that names the files. Pure.
 */
import { ConfigError } from '../errors.js';
import type { RunResult } from '../result/run-result.js';

export interface ShardFile {
  /** Where the result came from, for messages. */
  file: string;
  result: RunResult;
}

export interface ShardSet {
  count: number;
  /** Shard indexes (1-based) not given. */
  missing: number[];
}

export function checkShardSet(shards: readonly ShardFile[], options: { allowMissing?: boolean } = {}): ShardSet {
  if (shards.length === 0) throw new ConfigError('merge: no shard result given');
  for (const { file, result } of shards) {
    if (!result.plan.shard)
      throw new ConfigError(`${file} is not a shard result (no plan.shard): shards come from \`run --shard i/N\``);
  }
  const [first, ...rest] = shards as [ShardFile, ...ShardFile[]];
  for (const other of rest) {
    if (other.result.tool.version !== first.result.tool.version) {
      throw new ConfigError(
        `version mismatch: ${first.file} was written by scale-audit ${first.result.tool.version}, ` +
          `${other.file} by ${other.result.tool.version}; run every shard with the same version`,
      );
    }
    if (other.result.plan.shard!.count !== first.result.plan.shard!.count) {
      throw new ConfigError(
        `${first.file} is shard ${label(first)} but ${other.file} is shard ${label(other)}: shards of one run ` +
          `share the shard count`,
      );
    }
    if (other.result.plan.fingerprint !== first.result.plan.fingerprint) {
      throw new ConfigError(
        `${first.file} and ${other.file} ran different plans (fingerprint ` +
          `${first.result.plan.fingerprint ?? 'none'} vs ${other.result.plan.fingerprint ?? 'none'}): ` +
          'merge only shards of one run, started from the same config (target, endpoints, load, shard count)',
      );
    }
  }
  const seen = new Map<number, string>();
  for (const { file, result } of shards) {
    const index = result.plan.shard!.index;
    const earlier = seen.get(index);
    if (earlier !== undefined)
      throw new ConfigError(
        `${earlier} and ${file} are both shard ${index}/${result.plan.shard!.count}: give each shard once`,
      );
    seen.set(index, file);
  }
  const count = first.result.plan.shard!.count;
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length && !options.allowMissing) {
    throw new ConfigError(
      `shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${count} missing (got ` +
        `${[...seen.keys()].sort((a, b) => a - b).join(', ')}); ` +
        'pass --partial to merge the others into a partial result',
    );
  }
  return { count, missing };
}

const label = (s: ShardFile): string => `${s.result.plan.shard!.index}/${s.result.plan.shard!.count}`;
