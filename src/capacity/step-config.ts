/**
 * The config of one capacity step: the user's config at one constant rate, measured from the start (the
 * settle is judged out of the timeline, so every request of the steady part counts), without the phases that
 * belong to a single run (profile, edge probes, drills). Pure.
 */
import type { Config, SloConfig } from '../config/schema.js';

/** Sockets per origin for a step: enough for the rate at the SLO's latency twice over, within the limits. */
export function stepPool(config: Config, slo: SloConfig, rate: number): number {
  if (config.load.pool !== undefined) return config.load.pool;
  const latencyS = (slo.p99 ?? slo.p95 ?? slo.p90 ?? slo.p50 ?? 300) / 1000;
  const wanted = Math.min(256, Math.max(8, Math.ceil(rate * latencyS * 2)));
  return Math.min(wanted, config.limits.max_connections ?? wanted);
}

export function stepConfig(config: Config, slo: SloConfig, rate: number, settleMs: number, holdMs: number): Config {
  const { stages: _stages, connections: _connections, ...load } = config.load;
  return {
    ...config,
    load: { ...load, rate, start_rate: 0, warmup: 0, duration: settleMs + holdMs, pool: stepPool(config, slo, rate) },
    slo,
    profile: false,
    edge: config.edge ? { ...config.edge, probe: [] } : undefined,
    drill: undefined,
  };
}
