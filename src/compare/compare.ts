/**
 * compareRuns: two RunResults in, a judged side-by-side Comparison out. Pure: no I/O, no clock.
 * Mismatched runs are compared on what they share; everything else is listed in `not_comparable`.
 */
import { successesIn } from '../result/run-result.js';
import type { Finding, Gate, RunResult } from '../result/run-result.js';
import { RUN_FIGURES, SCORE_RULE } from './figures.js';
import type { FigureContext } from './figures.js';
import { figureOf } from './figure.js';
import { compareEndpoint } from './endpoints.js';
import { compareFlows } from './flows.js';
import { DEFAULT_CONFIDENCE, judgeThreshold } from './judge.js';
import type { Judgement } from './judge.js';
import { runBlocks, sharedEndpointTraffic, wholeRunTraffic } from './traffic.js';
import { renameEndpoints } from './endpoint-map.js';
import type {
  Comparison,
  FigureComparison,
  GateChange,
  RuleChange,
  RuleState,
  RunIdentity,
  TimelinePoint,
  Verdict,
} from './types.js';

export type * from './types.js';

export interface CompareOptions {
  /** Confidence of the intervals (default 0.99). */
  confidence?: number;
  /** Pairs renamed endpoints: before name → after name. */
  map?: Record<string, string>;
}

export function compareRuns(original: RunResult, after: RunResult, options: CompareOptions = {}): Comparison {
  const confidence = options.confidence ?? DEFAULT_CONFIDENCE;
  const map = options.map ?? {};
  const before = renameEndpoints(original, map);
  const notes: string[] = [];
  const namesBefore = Object.keys(before.endpoints);
  const namesAfter = Object.keys(after.endpoints);
  const shared = namesAfter.filter((n) => namesBefore.includes(n));
  const sameEndpoints = shared.length === namesBefore.length && shared.length === namesAfter.length;
  notes.push(...mismatchNotes(before, after, namesBefore, namesAfter, shared));

  const blocks = { before: runBlocks(before), after: runBlocks(after) };
  const ctx: FigureContext = {
    runs: { before, after },
    traffic: sameEndpoints
      ? { before: wholeRunTraffic(before, blocks.before), after: wholeRunTraffic(after, blocks.after) }
      : {
          before: sharedEndpointTraffic(before, shared, blocks.before),
          after: sharedEndpointTraffic(after, shared, blocks.after),
        },
    confidence,
  };
  const figures = [...runFigures(ctx, notes), ...scoreFigures(before, after, notes)];
  const gates = compareGates(before.gates, after.gates, notes);
  const qpr = figures.find((f) => f.id === 'db.queries_per_request');
  const flows = compareFlows(before, after);

  return {
    version: 1,
    before: identify(before),
    after: identify(after),
    scope: sameEndpoints ? 'full' : 'shared-endpoints',
    figures,
    queries_avoided_per_1000_requests: qpr?.delta != null ? round(-qpr.delta * 1000, 1) : null,
    endpoints: shared.map((name) => compareEndpoint(name, { runs: ctx.runs, blocks, confidence })),
    ...(flows ? { flows } : {}),
    rules: changedRules(before.findings, after.findings),
    gates,
    not_comparable: notes,
    gate_regressions: [
      ...figures.filter((f) => f.gate && f.verdict === 'regressed').map((f) => f.id),
      ...gates.filter((g) => g.before === true && g.after === false).map((g) => `gate:${g.id}`),
    ],
    gates_compared: figures.filter((f) => f.gate && f.verdict !== 'not-comparable').map((f) => f.id),
    gates_inconclusive: figures.filter((f) => f.gate && f.verdict === 'inconclusive').map((f) => f.id),
    confidence,
    endpoint_map: map,
    counts: countVerdicts(figures),
    timelines: { before: timelineOf(before), after: timelineOf(after) },
  };
}

const round = (x: number, digits: number): number => Number(x.toFixed(digits));

function identify(run: RunResult): RunIdentity {
  const id: RunIdentity = {
    target: run.plan.target,
    started_at: run.started_at,
    duration_s: run.duration_s,
    model: run.plan.model,
    endpoints: Object.keys(run.endpoints),
    requests: run.summary.requests,
    partial: run.partial,
    generator_lagged: run.generator.lagged,
  };
  if (run.plan.rate !== undefined) id.rate = run.plan.rate;
  if (run.plan.connections !== undefined) id.connections = run.plan.connections;
  return id;
}

function mismatchNotes(
  before: RunResult,
  after: RunResult,
  namesBefore: string[],
  namesAfter: string[],
  shared: string[],
): string[] {
  const notes: string[] = [];
  if (before.plan.target !== after.plan.target)
    notes.push(`The runs hit different targets (${before.plan.target} vs ${after.plan.target}).`);
  const onlyBefore = namesBefore.filter((n) => !shared.includes(n));
  const onlyAfter = namesAfter.filter((n) => !shared.includes(n));
  if (onlyBefore.length) notes.push(`Endpoints only in the before run, not compared: ${onlyBefore.join(', ')}.`);
  if (onlyAfter.length) notes.push(`Endpoints only in the after run, not compared: ${onlyAfter.join(', ')}.`);
  if (onlyBefore.length || onlyAfter.length) {
    notes.push(
      shared.length
        ? `Latency, throughput and error figures cover only the ${shared.length} shared endpoint(s); database, ` +
            `cache, queue and CDN figures cover each run as a whole.`
        : 'The runs share no endpoint: latency, throughput and error figures are not comparable.',
    );
  }
  for (const name of shared) {
    const eb = before.endpoints[name]!;
    const ea = after.endpoints[name]!;
    if (eb.method !== ea.method || eb.path !== ea.path)
      notes.push(`Endpoint ${name} changed from ${eb.method} ${eb.path} to ${ea.method} ${ea.path}.`);
  }
  if (before.partial) notes.push(`The before run is partial (${before.stop_reason ?? 'stopped early'}).`);
  if (after.partial) notes.push(`The after run is partial (${after.stop_reason ?? 'stopped early'}).`);
  if (before.generator.lagged)
    notes.push('The load generator lagged in the before run: its figures may understate what the target can do.');
  if (after.generator.lagged)
    notes.push('The load generator lagged in the after run: its figures may understate what the target can do.');
  return notes;
}

const TRAFFIC_GROUPS = new Set(['latency', 'throughput', 'errors']);

function runFigures(ctx: FigureContext, notes: string[]): FigureComparison[] {
  const figures: FigureComparison[] = [];
  const noSharedTraffic = ctx.traffic.before.requests === 0 && ctx.traffic.after.requests === 0;
  for (const spec of RUN_FIGURES) {
    if (noSharedTraffic && TRAFFIC_GROUPS.has(spec.group)) continue;
    const b = spec.value(ctx.runs.before, ctx.traffic.before);
    const a = spec.value(ctx.runs.after, ctx.traffic.after);
    if (b === undefined && a === undefined) continue;
    let judgement: Judgement;
    const why =
      spec.incomparable?.(ctx) ??
      (b === undefined || a === undefined
        ? `measured only in the ${b === undefined ? 'after' : 'before'} run`
        : undefined);
    if (why !== undefined || b === undefined || a === undefined) {
      judgement = { verdict: 'not-comparable', method: 'none', reason: why ?? 'not measured' };
      notes.push(`${spec.label}: ${judgement.reason}.`);
    } else judgement = spec.judge(b, a, ctx);
    figures.push(figureOf(spec, b, a, judgement));
  }
  return figures;
}

function scoreFigures(before: RunResult, after: RunResult, notes: string[]): FigureComparison[] {
  const entries: [string, string, number | null | undefined, number | null | undefined][] = [
    ['score.overall', 'Score (overall)', before.score.overall, after.score.overall],
  ];
  const categories = [...new Set([...Object.keys(before.score.categories), ...Object.keys(after.score.categories)])];
  for (const c of categories)
    entries.push([`score.${c}`, `Score: ${c}`, before.score.categories[c], after.score.categories[c]]);
  const figures: FigureComparison[] = [];
  for (const [id, label, b, a] of entries) {
    if (b == null && a == null) continue;
    const head = {
      id,
      label,
      group: 'score' as const,
      unit: 'points' as const,
      better: 'higher' as const,
      gate: false,
    };
    if (b == null || a == null) {
      const reason = `scored only in the ${b == null ? 'after' : 'before'} run`;
      notes.push(`${label}: ${reason}.`);
      figures.push(
        figureOf(head, b ?? undefined, a ?? undefined, { verdict: 'not-comparable', method: 'none', reason }),
      );
    } else figures.push(figureOf(head, b, a, judgeThreshold(b, a, 'higher', SCORE_RULE)));
  }
  return figures;
}

const STATUS_RANK: Partial<Record<RuleState, number>> = { pass: 2, warn: 1, fail: 0 };

function ruleVerdict(before: RuleState, after: RuleState): Verdict {
  const rb = STATUS_RANK[before];
  const ra = STATUS_RANK[after];
  if (rb === undefined || ra === undefined) return 'not-comparable';
  return ra > rb ? 'improved' : ra < rb ? 'regressed' : 'unchanged';
}

function changedRules(before: Finding[], after: Finding[]): RuleChange[] {
  const byId = (list: Finding[]): Map<string, Finding> => new Map(list.map((f) => [f.id, f]));
  const b = byId(before);
  const a = byId(after);
  const ids = [...new Set([...b.keys(), ...a.keys()])];
  const changes: RuleChange[] = [];
  for (const id of ids) {
    const fb = b.get(id);
    const fa = a.get(id);
    const sb: RuleState = fb?.status ?? 'absent';
    const sa: RuleState = fa?.status ?? 'absent';
    if (sb === sa) continue;
    const latest = (fa ?? fb)!;
    changes.push({
      id,
      category: latest.category,
      title: latest.title,
      before: sb,
      after: sa,
      verdict: ruleVerdict(sb, sa),
      message: latest.message,
    });
  }
  return changes;
}

function compareGates(before: Gate[], after: Gate[], notes: string[]): GateChange[] {
  const b = new Map(before.map((g) => [g.id, g]));
  const a = new Map(after.map((g) => [g.id, g]));
  return [...new Set([...b.keys(), ...a.keys()])].map((id) => {
    const gb = b.get(id);
    const ga = a.get(id);
    let verdict: Verdict;
    if (!gb || !ga) {
      verdict = 'not-comparable';
      notes.push(`Gate ${id}: set only in the ${gb ? 'before' : 'after'} run.`);
    } else verdict = gb.passed === ga.passed ? 'unchanged' : ga.passed ? 'improved' : 'regressed';
    return {
      id,
      before: gb?.passed ?? null,
      after: ga?.passed ?? null,
      before_value: gb?.value ?? null,
      after_value: ga?.value ?? null,
      threshold: (ga ?? gb)?.threshold ?? null,
      verdict,
    };
  });
}

function countVerdicts(figures: FigureComparison[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = {
    improved: 0,
    regressed: 0,
    unchanged: 0,
    inconclusive: 0,
    'not-comparable': 0,
  };
  for (const f of figures) counts[f.verdict]++;
  return counts;
}

function timelineOf(run: RunResult): TimelinePoint[] {
  return run.timeline.map((r) => ({
    t: r.t,
    p50: r.p50,
    p95: r.p95,
    p99: r.p99,
    rps: r.rps,
    successes: successesIn(r),
    errors: r.errors,
    requests: r.requests,
  }));
}
