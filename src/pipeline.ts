/**
 * One run, start to finish: preflight → sources → load (with edge stats) → drain → audit → RunResult.
 * The only module that wires the stages together; each stage stays ignorant of the others.
 */
import type { Config } from './config/schema.js';
import type { Progress } from './load/engine.js';
import { distributeLoad } from './load/distribute.js';
import { createLoadRunner, type LoadRunner } from './load/workers.js';
import { checkReachable } from './load/preflight.js';
import { AbortGuard } from './load/abort-guard.js';
import { buildResult } from './result/build-result.js';
import type { RunResult } from './result/run-result.js';
import { SourceSampler } from './sources/sampler.js';
import { createSources, hasQueueSources } from './sources/index.js';
import { audit } from './audit/index.js';
import type { PostgresSource } from './sources/postgres/postgres-source.js';
import { profileSettings, runProfilePhase, type ProfileOutcome } from './profile-phase.js';
import type { Evidence } from './result/evidence.js';
import { probeUrls } from './edge/probe.js';
import { probeTargetsFromConfig, resolveAgainst } from './edge/probe-targets.js';
import { DrillRunner } from './drill/runner.js';
import { analyzeDrill } from './drill/analysis.js';
import { drillAnalysisOptions } from './drill/analysis-options.js';

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
  let engine: LoadRunner | undefined;
  let stopReason: string | undefined;
  const stop = (reason: string): void => {
    stopReason ??= reason;
    engine?.stop(reason);
  };
  const result = (async (): Promise<RunResult> => {
    const load = distributeLoad(config);
    const plan = load.plan;
    await checkReachable(plan.endpoints, Math.min(plan.timeoutMs, 10_000), plan.insecure);
    // Sharded: only one shard samples the sources, profiles endpoints and runs drill actions.
    const sources = load.samplesSources ? await createSources(config) : [];
    let measuredStart = Infinity;
    const sampler = new SourceSampler(sources, {
      intervalMs: config.sources.interval,
      clock: () => (performance.now() - measuredStart) / 1000,
    });
    await sampler.openAll();
    try {
      const probes = load.samplesSources ? await probeEdge(config, io.log) : undefined;
      const settings = load.samplesSources ? profileSettings(config) : undefined;
      const postgres = sources.find((s): s is PostgresSource => s.kind === 'postgres');
      const profile = settings
        ? await runProfilePhase(plan, settings, postgres, {
            stopped: () => stopReason !== undefined,
            onEngine: (e) => {
              engine = e;
              if (stopReason) e.stop(stopReason);
            },
            log: io.log,
          })
        : undefined;
      const guard = config.abort_on ? new AbortGuard(config.abort_on) : undefined;
      const drill = load.samplesSources && config.drill?.actions.length ? new DrillRunner(config.drill.actions, { log: io.log }) : undefined;
      // Worker threads start the schedule a moment after run(): sources, drill and live line follow its real start.
      let markStarted: () => void = () => undefined;
      const scheduleStart = new Promise<void>((resolve) => (markStarted = resolve));
      engine = createLoadRunner(plan, load.workers, {
        onStart: () => markStarted(),
        onSecond: (row) => {
          const reason = guard?.observe(row);
          if (reason) {
            io.log?.(reason);
            stop(reason);
          }
        },
      });
      if (stopReason) engine.stop(stopReason);
      const runPlan = load.runPlan;
      let finished = false;
      const running = engine.run().finally(() => {
        finished = true;
        markStarted();
      });
      const sampling = scheduleStart.then(() => {
        if (finished) return false;
        measuredStart = performance.now() + plan.model.warmupMs;
        io.onStart?.(() => engine!.progress(), runPlan.duration_s + runPlan.warmup_s);
        drill?.start(Date.now() + plan.model.warmupMs);
        return startAtMeasuredStart(sampler, plan.model.warmupMs, () => stopReason !== undefined);
      });
      const outcome = await running;
      // After the load (or an interrupt): pending recovery commands still run.
      await drill?.stop();
      const sampled = await sampling;
      if (sampled && !stopReason && hasQueueSources(config)) {
        io.log?.(`load stopped; sampling queues until they drain (up to ${config.sources.drain_timeout / 1000}s)…`);
        await sampler.waitForDrain(config.sources.drain_timeout);
      }
      await sampler.stop();
      const summary = sampled
        ? await sampler.finish({ requests: outcome.summary.requests, load_end_t: outcome.durationS })
        : { sources: {}, evidence: {} };
      const edge = outcome.edge && outcome.edge.responses > 0 ? { ...outcome.edge, ...(probes?.length ? { probe: probes } : {}) } : undefined;
      const evidence = withProfile({ ...summary.evidence, ...(edge ? { edge } : {}) }, profile);
      const result = { ...buildResult({ config, plan: runPlan, outcome, sources: summary.sources, evidence }), ...(profile ? { profile: profile.summaries } : {}) };
      if (drill) result.drill = analyzeDrill(result.timeline, drill.results(), drillAnalysisOptions(config, result.sources));
      return { ...result, ...audit(result, config) };
    } finally {
      await sampler.close();
    }
  })();
  return { result, stop };
}

/**
 * Before the load, without load: `edge.probe` paths — and on an https target its GET endpoints, since ALPN and
 * HSTS are only seen on a fresh TLS connection — get the probe's checks (protocol, 304 revalidation, compression).
 */
async function probeEdge(config: Config, log?: (line: string) => void): Promise<unknown[] | undefined> {
  const https = config.target?.startsWith('https:') === true;
  const urls = https ? probeTargetsFromConfig(config) : (config.edge?.probe ?? []).map((p) => resolveAgainst(config.target, p));
  if (!urls.length) return undefined;
  log?.(`probing ${urls.length} URL${urls.length === 1 ? '' : 's'} for edge headers before the load…`);
  return probeUrls(urls, { headers: config.headers, insecure: config.insecure, timeoutMs: Math.min(config.load.timeout, 10_000) });
}

function withProfile(evidence: Evidence, profile: ProfileOutcome | undefined): Evidence {
  if (!profile || Object.keys(profile.perEndpoint).length === 0) return evidence;
  return { ...evidence, db: { ...evidence.db, per_endpoint: profile.perEndpoint } };
}

/** Sources take their baseline when measured load starts (after warmup), not before. */
async function startAtMeasuredStart(sampler: SourceSampler, warmupMs: number, stopped: () => boolean): Promise<boolean> {
  const deadline = performance.now() + warmupMs;
  while (performance.now() < deadline) {
    if (stopped()) return false;
    await new Promise((r) => setTimeout(r, Math.min(100, deadline - performance.now())));
  }
  if (stopped()) return false;
  await sampler.start();
  return true;
}
