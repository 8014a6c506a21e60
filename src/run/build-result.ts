/** Assembles a RunResult (run.json v1) from what a run produced. Pure apart from reading the environment. */
import { hostname, cpus, platform, arch } from 'node:os';
import type { Config } from '../config/schema.js';
import type { LoadOutcome } from '../load/engine.js';
import type { Evidence } from '../result/evidence.js';
import {
  RESULT_VERSION,
  type RunPlan,
  type RunResult,
  type SourceResult,
  type EndpointResult,
  type FlowResult,
} from '../result/run-result.js';
import { redactDeep } from '../util/redact.js';
import { flowResult } from '../flow/flow-summary.js';
import { withAppSummary } from '../app/app-summary.js';
import { VERSION } from '../version.js';

export interface ResultParts {
  config: Config;
  plan: RunPlan;
  outcome: LoadOutcome;
  sources?: Record<string, SourceResult>;
  evidence?: Evidence;
  partial?: boolean;
  stopReason?: string;
}

export function environment(): RunResult['environment'] {
  return { node: process.version, platform: platform(), arch: arch(), cpus: cpus().length, hostname: hostname() };
}

export function buildResult(parts: ResultParts): RunResult {
  const { outcome, plan } = parts;
  const endpoints: Record<string, EndpointResult> = {};
  plan.endpoints.forEach((e, i) => {
    const recorded = outcome.endpoints[i]!;
    const app = outcome.app?.[e.name];
    endpoints[e.name] = { ...e, summary: recorded.summary, histograms: recorded.histograms, ...(app ? { app } : {}) };
  });
  const stopReason = parts.stopReason ?? outcome.stopReason;
  return {
    version: RESULT_VERSION,
    tool: { name: 'scale-audit', version: VERSION },
    partial: parts.partial ?? outcome.partial,
    ...(stopReason ? { stop_reason: stopReason } : {}),
    started_at: new Date(outcome.startEpochMs).toISOString(),
    start_ms: outcome.startEpochMs,
    duration_s: outcome.durationS,
    config: redactDeep(parts.config) as unknown as Record<string, unknown>,
    environment: environment(),
    plan,
    summary: withAppSummary(outcome.summary, endpoints),
    histograms: outcome.histograms,
    endpoints,
    ...flowsOf(plan, outcome),
    ...(outcome.endedEarly ? { ended_early: outcome.endedEarly } : {}),
    timeline: outcome.timeline,
    generator: outcome.generator,
    sources: parts.sources ?? {},
    evidence: parts.evidence ?? {},
    findings: [],
    score: { overall: null, categories: {} },
    gates: [],
  };
}

function flowsOf(plan: RunPlan, outcome: LoadOutcome): Pick<RunResult, 'flows' | 'data'> {
  if (!plan.flows?.length || !outcome.flows) return {};
  const flows: Record<string, FlowResult> = {};
  plan.flows.forEach((meta, i) => {
    flows[meta.name] = flowResult(meta, outcome.flows![i]!, outcome.durationS);
  });
  return { flows, ...(outcome.data ? { data: outcome.data } : {}) };
}
