/**
 * One run, start to finish: preflight → sources → load (with edge stats) → drain → audit → RunResult.
 * The only module that wires the stages together; each stage stays ignorant of the others.
 */
import type { Config } from '../config/schema.js';
import type { LoadOutcome, Progress } from '../load/engine.js';
import { distributeLoad, type LoadDistribution } from '../load/plan/distribute.js';
import { createLoadRunner, type LoadRunner } from '../load/workers/workers.js';
import { checkReachable } from '../load/preflight.js';
import { flowOrigins } from '../flow/flow-plan.js';
import { AbortGuard } from '../load/abort-guard.js';
import { buildResult } from './build-result.js';
import type { RunResult } from '../result/run-result.js';
import { SourceSampler, type SamplerResult } from '../sources/sampler.js';
import type { Source } from '../sources/source.js';
import { createSources, hasQueueSources } from '../sources/index.js';
import { audit } from '../audit/index.js';
import type { PostgresSource } from '../sources/postgres/postgres-source.js';
import { profileSettings, runProfilePhase, type ProfileOutcome } from './profile-phase.js';
import type { Evidence } from '../result/evidence.js';
import { probeUrls } from '../edge/probe/probe.js';
import { probeTargetsFromConfig, resolveAgainst } from '../edge/probe/probe-targets.js';
import { DrillRunner } from '../drill/runner.js';
import { analyzeDrill } from '../drill/analysis.js';
import { drillAnalysisOptions } from '../drill/analysis-options.js';
import { LiveMetrics } from '../metrics/live-metrics.js';

export interface RunIO {
  /** Called once the load starts, with a way to read progress (the live line). */
  onStart?: (progress: () => Progress, totalS: number) => void;
  /** Say something to the user (stderr); silent when quiet. */
  log?: (line: string) => void;
}

export interface RunHandle {
  result: Promise<RunResult>;
  /** Stops the load early; the result is written and marked partial. */
  stop(reason: string): void;
}

export function startRun(config: Config, io: RunIO = {}): RunHandle {
  const control = new StopControl();
  return { result: execute(config, io, control), stop: (reason) => control.stop(reason) };
}

/** The stop request and whichever engine runs now (profile phase, then the load), so a stop reaches it. */
class StopControl {
  reason: string | undefined;
  private engine: LoadRunner | undefined;

  stop(reason: string): void {
    this.reason ??= reason;
    this.engine?.stop(reason);
  }

  attach(engine: LoadRunner): void {
    this.engine = engine;
    if (this.reason) engine.stop(this.reason);
  }

  get stopped(): boolean {
    return this.reason !== undefined;
  }
}

interface BeforeLoad {
  probes?: unknown[];
  profile?: ProfileOutcome;
}

interface MeasuredLoad {
  outcome: LoadOutcome;
  drill?: DrillRunner;
  /** The sources took their baseline (false when stopped during warmup). */
  sampled: boolean;
}

async function execute(config: Config, io: RunIO, control: StopControl): Promise<RunResult> {
  const load = distributeLoad(config);
  await checkReachable(
    [...load.plan.endpoints, ...flowOrigins(load.plan.flows)],
    Math.min(load.plan.timeoutMs, 10_000),
    load.plan.insecure,
  );
  // Sharded: only one shard samples the sources, probes, profiles endpoints and runs drill actions.
  const sources = load.samplesSources ? await createSources(config) : [];
  const clock = { measuredStart: Infinity };
  const live = config.metrics ? new LiveMetrics(config.metrics, load, io.log) : undefined;
  const sampler = new SourceSampler(sources, {
    intervalMs: config.sources.interval,
    clock: () => (performance.now() - clock.measuredStart) / 1000,
    onSample: live && ((id, point) => live.observeSource(id, point.values)),
  });
  await sampler.openAll();
  try {
    await live?.start();
    const before = load.samplesSources ? await beforeLoad(config, load, sources, control, io) : {};
    const measured = await measuredLoad(config, load, sampler, clock, control, io, live);
    const sampledSources = await finishSources(config, sampler, measured, control, io);
    await live?.finish(measured.outcome);
    return assemble(config, load, measured, sampledSources, before);
  } finally {
    await live?.close();
    await sampler.close();
  }
}

/** Without load or at a low rate, before the measured load: edge probes and the per-endpoint profile phase. */
async function beforeLoad(
  config: Config,
  load: LoadDistribution,
  sources: Source[],
  control: StopControl,
  io: RunIO,
): Promise<BeforeLoad> {
  const probes = await probeEdge(config, io.log);
  const settings = profileSettings(config);
  if (!settings) return { probes };
  const postgres = sources.find((s): s is PostgresSource => s.kind === 'postgres');
  const profile = await runProfilePhase(load.plan, settings, postgres, {
    stopped: () => control.stopped,
    onEngine: (e) => control.attach(e),
    log: io.log,
  });
  return { probes, profile };
}

async function measuredLoad(
  config: Config,
  load: LoadDistribution,
  sampler: SourceSampler,
  clock: { measuredStart: number },
  control: StopControl,
  io: RunIO,
  live?: LiveMetrics,
): Promise<MeasuredLoad> {
  const { plan, runPlan } = load;
  const guard = config.abort_on ? new AbortGuard(config.abort_on) : undefined;
  const drill =
    load.samplesSources && config.drill?.actions.length
      ? new DrillRunner(config.drill.actions, { log: io.log })
      : undefined;
  // Worker threads start the schedule a moment after run(): sources, drill and live line follow its real start.
  let markStarted: () => void = () => undefined;
  const scheduleStart = new Promise<void>((resolve) => (markStarted = resolve));
  const engine = createLoadRunner(plan, load.workers, {
    onStart: () => markStarted(),
    onSecond: (row) => {
      live?.observeSecond(row);
      const reason = guard?.observe(row);
      if (reason) {
        io.log?.(reason);
        control.stop(reason);
      }
    },
  });
  control.attach(engine);
  live?.follow(() => engine.progress());
  let finished = false;
  const running = engine.run().finally(() => {
    finished = true;
    markStarted();
  });
  const sampling = scheduleStart.then(() => {
    if (finished) return false;
    clock.measuredStart = performance.now() + plan.model.warmupMs;
    io.onStart?.(() => engine.progress(), runPlan.duration_s + runPlan.warmup_s);
    drill?.start(Date.now() + plan.model.warmupMs);
    return startAtMeasuredStart(sampler, plan.model.warmupMs, () => control.stopped);
  });
  const outcome = await running;
  // After the load (or an interrupt): pending recovery commands still run.
  await drill?.stop();
  return { outcome, drill, sampled: await sampling };
}

/** Queues get until they drain (or drain_timeout) after the load; then every source's run-level figures. */
async function finishSources(
  config: Config,
  sampler: SourceSampler,
  measured: MeasuredLoad,
  control: StopControl,
  io: RunIO,
): Promise<SamplerResult> {
  if (measured.sampled && !control.stopped && hasQueueSources(config)) {
    io.log?.(`load stopped; sampling queues until they drain (up to ${config.sources.drain_timeout / 1000}s)…`);
    await sampler.waitForDrain(config.sources.drain_timeout);
  }
  await sampler.stop();
  if (!measured.sampled) return { sources: {}, evidence: {} };
  return sampler.finish({ requests: measured.outcome.summary.requests, load_end_t: measured.outcome.durationS });
}

function assemble(
  config: Config,
  load: LoadDistribution,
  measured: MeasuredLoad,
  sampled: SamplerResult,
  before: BeforeLoad,
): RunResult {
  const { outcome, drill } = measured;
  const edge =
    outcome.edge && outcome.edge.responses > 0
      ? { ...outcome.edge, ...(before.probes?.length ? { probe: before.probes } : {}) }
      : undefined;
  const evidence = withProfile({ ...sampled.evidence, ...(edge ? { edge } : {}) }, before.profile);
  const result: RunResult = {
    ...buildResult({ config, plan: load.runPlan, outcome, sources: sampled.sources, evidence }),
    ...(before.profile ? { profile: before.profile.summaries } : {}),
  };
  if (drill)
    result.drill = analyzeDrill(result.timeline, drill.results(), drillAnalysisOptions(config, result.sources));
  return { ...result, ...audit(result, config) };
}

/**
 * Before the load, without load: `edge.probe` paths — and on an https target its GET endpoints, since ALPN and
 * HSTS are only seen on a fresh TLS connection — get the probe's checks (protocol, 304 revalidation, compression).
 */
async function probeEdge(config: Config, log?: (line: string) => void): Promise<unknown[] | undefined> {
  const https = config.target?.startsWith('https:') === true;
  const urls = https
    ? probeTargetsFromConfig(config)
    : (config.edge?.probe ?? []).map((p) => resolveAgainst(config.target, p));
  if (!urls.length) return undefined;
  log?.(`probing ${urls.length} URL${urls.length === 1 ? '' : 's'} for edge headers before the load…`);
  return probeUrls(urls, {
    headers: config.headers,
    insecure: config.insecure,
    timeoutMs: Math.min(config.load.timeout, 10_000),
  });
}

function withProfile(evidence: Evidence, profile: ProfileOutcome | undefined): Evidence {
  if (!profile || Object.keys(profile.perEndpoint).length === 0) return evidence;
  return { ...evidence, db: { ...evidence.db, per_endpoint: profile.perEndpoint } };
}

/** Sources take their baseline when measured load starts (after warmup), not before. */
async function startAtMeasuredStart(
  sampler: SourceSampler,
  warmupMs: number,
  stopped: () => boolean,
): Promise<boolean> {
  const deadline = performance.now() + warmupMs;
  while (performance.now() < deadline) {
    if (stopped()) return false;
    await new Promise((r) => setTimeout(r, Math.min(100, deadline - performance.now())));
  }
  if (stopped()) return false;
  await sampler.start();
  return true;
}
