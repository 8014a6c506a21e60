/** Shard RunResults as data: what `run --shard i/N` writes, built from synthetic responses. */
import { validateConfig } from '../../src/config/load.js';
import type { ConfigInput } from '../../src/config/schema.js';
import { buildEnginePlan, describePlan } from '../../src/load/plan/plan.js';
import { describeShard, shardPlan } from '../../src/load/plan/shard.js';
import { buildResult } from '../../src/run/build-result.js';
import type { GeneratorHealth, RunResult } from '../../src/result/run-result.js';
import type { Evidence } from '../../src/result/evidence.js';
import { healthyGenerator, outcomeOf, type RecordedEvent } from './recorded-events.js';

export const SHARD_CONFIG: ConfigInput = {
  target: 'http://127.0.0.1:8000',
  endpoints: [
    { name: 'a', path: '/a' },
    { name: 'b', path: '/b' },
  ],
  load: { rate: 300, duration: '3s' },
};

export interface ShardOptions {
  index: number;
  count?: number;
  startMs: number;
  events: RecordedEvent[];
  config?: ConfigInput;
  evidence?: Evidence;
  generator?: GeneratorHealth;
  /** Overrides tool.version. */
  version?: string;
}

export function ev(
  endpoint: number,
  atMs: number,
  latencyMs: number,
  errorClass: RecordedEvent['errorClass'] = null,
): RecordedEvent {
  const status = errorClass === null ? 200 : errorClass === 'http' ? 503 : 0;
  return { endpoint, atMs, latencyMs, serviceMs: latencyMs / 2, status, errorClass, bytes: 10, dropped: false };
}

export function shardResult(o: ShardOptions): RunResult {
  const count = o.count ?? 3;
  const config = validateConfig({ ...(o.config ?? SHARD_CONFIG), shard: `${o.index}/${count}` });
  const whole = buildEnginePlan(config);
  const part = shardPlan(whole, { index: o.index, count });
  const targetRps = part.model.kind === 'open' ? part.model.segments[0]!.from : undefined;
  const endpoints = whole.endpoints.length;
  const outcome = outcomeOf(
    o.events,
    endpoints,
    3,
    { startEpochMs: o.startMs, generator: o.generator ?? healthyGenerator() },
    targetRps,
  );
  const plan = { ...describePlan(config, whole, 2), ...describeShard(whole, { index: o.index, count }) };
  const result = buildResult({ config, plan, outcome, evidence: o.evidence ?? {} });
  return o.version ? { ...result, tool: { ...result.tool, version: o.version } } : result;
}
