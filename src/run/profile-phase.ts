/**
 * The per-endpoint profile phase (`profile: true`): before the mixed load, each endpoint alone at a low rate
 * for a few seconds, with pg_stat_statements read around it — so queries per request and N+1 suspects are
 * attributed to the endpoint that caused them.
 */
import type { Config } from '../config/schema.js';
import type { EnginePlan } from '../load/engine.js';
import { LoadEngine } from '../load/engine.js';
import type { EndpointDbProfile } from '../result/evidence.js';
import type { Summary } from '../result/run-result.js';
import type { PostgresSource } from '../sources/postgres/postgres-source.js';

export const PROFILE_DEFAULTS = { rate: 5, duration: 3000 } as const;

export interface ProfileOutcome {
  perEndpoint: Record<string, EndpointDbProfile>;
  summaries: Record<string, { requests: number; summary: Summary }>;
}

export function profileSettings(config: Config): { rate: number; duration: number } | undefined {
  if (config.profile === false) return undefined;
  return config.profile === true ? { ...PROFILE_DEFAULTS } : config.profile;
}

export async function runProfilePhase(
  plan: EnginePlan,
  settings: { rate: number; duration: number },
  postgres: PostgresSource | undefined,
  hooks: { stopped: () => boolean; onEngine: (engine: LoadEngine) => void; log?: (line: string) => void },
): Promise<ProfileOutcome> {
  const out: ProfileOutcome = { perEndpoint: {}, summaries: {} };
  for (const endpoint of plan.endpoints) {
    if (hooks.stopped()) break;
    hooks.log?.(`profile: ${endpoint.name} alone at ${settings.rate} req/s for ${settings.duration / 1000}s`);
    const before = await postgres?.statementSnapshot();
    const engine = new LoadEngine({
      ...plan,
      endpoints: [{ ...endpoint, weight: 1 }],
      model: {
        kind: 'open',
        segments: [{ durationMs: settings.duration, from: settings.rate, to: settings.rate }],
        warmupMs: 0,
      },
    });
    hooks.onEngine(engine);
    const outcome = await engine.run();
    out.summaries[endpoint.name] = { requests: outcome.summary.requests, summary: outcome.summary };
    if (postgres && before)
      out.perEndpoint[endpoint.name] = await postgres.profileSince(before, outcome.summary.requests);
  }
  return out;
}
