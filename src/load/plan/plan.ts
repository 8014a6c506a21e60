/** From a validated config to what the engine runs and what run.json says was planned. Pure. */
import type { Config } from '../../config/schema.js';
import { ConfigError } from '../../errors.js';
import { prepareEndpoints } from '../endpoints.js';
import { buildSegments, type Segment } from '../models/schedule.js';
import type { EnginePlan } from '../engine.js';
import type { RunPlan } from '../../result/run-result.js';
import { prepareFlows, type PreparedFlows } from '../../flow/flow-plan.js';

/** Closed-model users when neither a rate nor connections is given. */
export const DEFAULT_CONNECTIONS = 10;

export function buildEnginePlan(config: Config): EnginePlan {
  const load = config.load;
  const endpoints = prepareEndpoints(config);
  const flows = withFlows(
    config,
    endpoints.map((e) => e.name),
  );
  const open = load.rate !== undefined || load.stages !== undefined;
  enforceLimits(config);
  if (open) {
    const segments = buildSegments(load);
    const peak = Math.max(...segments.map((s) => Math.max(s.from, s.to)));
    const pool = load.pool ?? defaultPool(peak);
    return {
      endpoints,
      model: { kind: 'open', segments, warmupMs: load.warmup },
      timeoutMs: load.timeout,
      maxInFlight: load.max_in_flight ?? defaultMaxInFlight(peak, load.timeout, pool, config.limits.max_connections),
      pool,
      pipelining: load.pipelining,
      seed: load.seed,
      insecure: config.insecure,
      app: config.app !== undefined,
      ...flows,
    };
  }
  return {
    endpoints,
    model: {
      kind: 'closed',
      connections: load.connections ?? DEFAULT_CONNECTIONS,
      thinkMs: load.think,
      durationMs: load.duration,
      warmupMs: load.warmup,
    },
    timeoutMs: load.timeout,
    maxInFlight: load.max_in_flight ?? MAX_IN_FLIGHT_CAP,
    pool: load.connections ?? DEFAULT_CONNECTIONS,
    pipelining: load.pipelining,
    seed: load.seed,
    insecure: config.insecure,
    app: config.app !== undefined,
    ...flows,
  };
}

/** The flows of the config, compiled, with their data sets; nothing when there are none. Reads data set files. */
function withFlows(config: Config, endpointNames: readonly string[]): Partial<PreparedFlows> {
  if (!config.flows.length) return {};
  const prepared = prepareFlows(config, endpointNames.length);
  const taken = new Set(endpointNames);
  for (const step of prepared.flows.flatMap((f) => f.steps)) {
    if (taken.has(step.name))
      throw new ConfigError(`flows: step ${JSON.stringify(step.name)} has the name of an endpoint; rename one of them`);
  }
  return prepared;
}

/**
 * Sockets the open model opens before the load: enough for the peak rate at ~20 ms per request, capped so a typo
 * cannot open thousands up front. More open on demand, up to max_in_flight.
 */
function defaultPool(peakRps: number): number {
  return Math.min(256, Math.max(8, Math.ceil(peakRps / 50)));
}

/** The default in-flight bound never exceeds this (file descriptors and ephemeral ports of one generator). */
export const MAX_IN_FLIGHT_CAP = 10_000;

/**
 * The open model's default in-flight bound: twice the peak rate × the timeout, plus the pool. No request stays in
 * flight past its timeout, so by Little's law rate × timeout is the most a target that times every request out
 * holds; the headroom (arrivals are bursty, a timeout fires up to a sweep late) keeps the default from ever
 * binding first, so a slow target shows as its own timeouts, never as the generator's drops.
 */
export function defaultMaxInFlight(peakRps: number, timeoutMs: number, pool: number, maxConnections?: number): number {
  const wanted = Math.ceil((2 * peakRps * timeoutMs) / 1000) + pool;
  return Math.min(wanted, MAX_IN_FLIGHT_CAP, maxConnections ?? MAX_IN_FLIGHT_CAP);
}

function enforceLimits(config: Config): void {
  const { max_rate, max_connections } = config.limits;
  const load = config.load;
  const peak = load.stages ? Math.max(...load.stages.map((s) => s.rate), load.start_rate) : (load.rate ?? 0);
  if (max_rate !== undefined && peak > max_rate) {
    throw new ConfigError(`load.rate: ${peak} req/s exceeds limits.max_rate ${max_rate}`);
  }
  const sockets = load.connections ?? load.pool ?? 0;
  if (max_connections !== undefined && sockets > max_connections) {
    throw new ConfigError(`load.connections: ${sockets} exceeds limits.max_connections ${max_connections}`);
  }
  // The open model opens a socket per request in flight when it must: the bound is the connections' bound too.
  const open = load.rate !== undefined || load.stages !== undefined;
  if (open && max_connections !== undefined && (load.max_in_flight ?? 0) > max_connections) {
    throw new ConfigError(
      `load.max_in_flight: ${load.max_in_flight} exceeds limits.max_connections ${max_connections} ` +
        '(the open model may open a socket for every request in flight)',
    );
  }
}

export function describePlan(config: Config, plan: EnginePlan, workers = 1): RunPlan {
  const m = plan.model;
  const base = {
    target: config.target ?? plan.endpoints[0]?.origin ?? plan.flows?.[0]?.steps[0]?.origin ?? '',
    warmup_s: m.warmupMs / 1000,
    endpoints: [
      ...plan.endpoints.map((e) => {
        const accept = acceptEncodingSent(e);
        return {
          name: e.name,
          method: e.method,
          path: e.path,
          weight: e.weight,
          ...(accept ? { accept_encoding: accept } : {}),
        };
      }),
      ...(plan.flows ?? []).flatMap((f) =>
        f.steps.map((s) => ({ name: s.name, method: s.method, path: s.configuredPath, weight: f.weight })),
      ),
    ],
    ...(plan.flows?.length
      ? { flows: plan.flows.map((f) => ({ name: f.name, weight: f.weight, steps: f.steps.map((s) => s.step) })) }
      : {}),
    workers,
  };
  if (m.kind === 'closed')
    return { ...base, model: 'closed', duration_s: m.durationMs / 1000, connections: m.connections };
  const measured: Segment[] = m.warmupMs > 0 ? m.segments.slice(1) : m.segments;
  const constant = config.load.stages === undefined;
  return {
    ...base,
    model: 'open',
    duration_s: measured.reduce((s, x) => s + x.durationMs, 0) / 1000,
    ...(constant
      ? { rate: config.load.rate }
      : { stages: config.load.stages!.map((s) => ({ duration_s: s.duration / 1000, rate: s.rate })) }),
  };
}

/** The Accept-Encoding each request to this endpoint carried (the config's, or the default the tool offers). */
function acceptEncodingSent(e: EnginePlan['endpoints'][number]): string | undefined {
  return e.request.headers['accept-encoding'];
}
