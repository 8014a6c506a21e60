/**
 * One RunResult from the results of the shards of one run (`merge shard-*.json -o run.json`), exactly:
 * histograms added (overall and per endpoint), counters and error classes summed, timelines aligned on
 * wall-clock seconds, generator health the worst of, sources and their evidence from the sampling shard, edge
 * statistics from all. Findings, score and gates are left empty: the caller audits the merged result. Pure.
 */
import type { Evidence } from '../result/evidence.js';
import type { EndpointResult, RunPlan, RunResult, SourceResult } from '../result/run-result.js';
import { mergeRecorded } from './merge-summary.js';
import { mergeAppFigures } from '../app/app-tally.js';
import { withAppSummary } from '../app/app-summary.js';
import { mergeTimelines } from './merge-timeline.js';
import { mergeGeneratorHealth } from './merge-generator.js';
import { mergeShardEvidence } from './merge-shard-evidence.js';
import { checkShardSet, type ShardFile } from './shard-set.js';
import { mergeDataUse, mergeFlowResults } from './merge-flows.js';

/** Shards whose starts differ by more than this did not run the full rate together all along. */
export const START_SKEW_WARN_MS = 1000;

export interface MergedShards {
  result: RunResult;
  /** Things the user should know (not errors): start skew, missing shards. */
  warnings: string[];
}

export function mergeShardResults(
  shards: readonly ShardFile[],
  options: { allowMissing?: boolean } = {},
): MergedShards {
  const { count, missing } = checkShardSet(shards, options);
  const results = [...shards].map((s) => s.result).sort((a, b) => a.plan.shard!.index - b.plan.shard!.index);
  const first = results[0]!;
  const minStart = Math.min(...results.map((r) => r.start_ms));
  const baseSecond = Math.floor(minStart / 1000);
  const durationS = Math.max(...results.map((r) => r.duration_s));
  const total = mergeRecorded(results, durationS);
  const stopReason = stopReasonOf(results, missing, count);
  const drill = results.find((r) => r.drill)?.drill;
  const profile = results.find((r) => r.profile)?.profile;
  const flows = mergeFlowResults(
    results.map((r) => r.flows),
    durationS,
  );
  const data = mergeDataUse(results.map((r) => r.data));
  const endedEarly = results.find((r) => r.ended_early)?.ended_early;
  const endpoints = mergeEndpoints(results, durationS);
  const result: RunResult = {
    version: first.version,
    tool: first.tool,
    partial: missing.length > 0 || results.some((r) => r.partial),
    ...(stopReason ? { stop_reason: stopReason } : {}),
    started_at: new Date(baseSecond * 1000).toISOString(),
    start_ms: baseSecond * 1000,
    duration_s: durationS,
    config: withoutKey(first.config, 'shard'),
    environment: first.environment,
    plan: mergedPlan(first.plan, results, count),
    summary: withAppSummary(total.summary, endpoints),
    histograms: total.histograms,
    endpoints,
    ...(flows ? { flows } : {}),
    ...(data ? { data } : {}),
    ...(endedEarly ? { ended_early: endedEarly } : {}),
    // A row's wall-clock second is floor((start_ms + t·1000) / 1000) = floor(start_ms / 1000) + t.
    timeline: mergeTimelines(
      results.map((r) => ({ rows: r.timeline, offsetS: Math.floor(r.start_ms / 1000) - baseSecond })),
    ),
    generator: mergeGeneratorHealth(
      results.map((r) => r.generator),
      (i) => `shard ${results[i]!.plan.shard!.index}`,
    ),
    sources: mergeSources(results.map((r) => r.sources)),
    evidence: mergeShardEvidence(
      results.map((r): Evidence => r.evidence ?? {}),
      total.summary.requests,
    ),
    findings: [],
    score: { overall: null, categories: {} },
    gates: [],
    ...(drill ? { drill } : {}),
    ...(profile ? { profile } : {}),
  };
  return { result, warnings: warningsOf(results, missing, count) };
}

function appOf(parts: readonly EndpointResult[]): Pick<EndpointResult, 'app'> {
  const apps = parts.flatMap((p) => (p.app ? [p.app] : []));
  return apps.length ? { app: mergeAppFigures(apps) } : {};
}

function mergedPlan(plan: RunPlan, results: readonly RunResult[], count: number): RunPlan {
  const { shard: _shard, ...rest } = plan;
  return { ...rest, shards: count, workers: results.reduce((n, r) => n + r.plan.workers, 0) };
}

function mergeEndpoints(results: readonly RunResult[], durationS: number): Record<string, EndpointResult> {
  const out: Record<string, EndpointResult> = {};
  for (const [name, meta] of Object.entries(results[0]!.endpoints)) {
    const parts = results.map((r) => r.endpoints[name]).filter((e): e is EndpointResult => e !== undefined);
    const merged = mergeRecorded(parts, durationS);
    out[name] = {
      name: meta.name,
      method: meta.method,
      path: meta.path,
      weight: meta.weight,
      summary: merged.summary,
      histograms: merged.histograms,
      ...appOf(parts),
    };
  }
  return out;
}

/** Only the sampling shard has sources; should two have the same one, the lower shard's wins. */
function mergeSources(parts: readonly Record<string, SourceResult>[]): Record<string, SourceResult> {
  const out: Record<string, SourceResult> = {};
  for (const sources of parts) for (const [id, s] of Object.entries(sources)) out[id] ??= s;
  return out;
}

function stopReasonOf(results: readonly RunResult[], missing: readonly number[], count: number): string | undefined {
  const reasons = results.filter((r) => r.stop_reason).map((r) => `shard ${r.plan.shard!.index}: ${r.stop_reason}`);
  if (missing.length)
    reasons.unshift(`shard${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${count} missing`);
  return reasons.length ? reasons.join('; ') : undefined;
}

function warningsOf(results: readonly RunResult[], missing: readonly number[], count: number): string[] {
  const warnings: string[] = [];
  const starts = results.map((r) => r.start_ms);
  const skew = Math.max(...starts) - Math.min(...starts);
  if (skew > START_SKEW_WARN_MS) {
    warnings.push(
      `shards started up to ${(skew / 1000).toFixed(1)} s apart: the full rate held only while all of them ran ` +
        `(see the timeline)`,
    );
  }
  if (missing.length) warnings.push(`merged ${results.length} of ${count} shards; the result is partial`);
  return warnings;
}

function withoutKey(record: Record<string, unknown>, key: string): Record<string, unknown> {
  const { [key]: _omit, ...rest } = record;
  return rest;
}
