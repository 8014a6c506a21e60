/**
 * The per-endpoint profile phase (`profile: true`): before the mixed load, each endpoint alone at a low rate
 * for a few seconds, with pg_stat_statements read around it — so queries per request and N+1 suspects are
 * attributed to the endpoint that caused them.
 */
import type { Config } from '../config/schema.js';
import type { EnginePlan } from '../load/engine.js';
import { LoadEngine } from '../load/engine.js';
import type { PreparedEndpoint } from '../load/endpoints.js';
import { renumberSteps, type FlowPlan } from '../flow/flow-plan.js';
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
  for (const unit of profileUnits(plan, hooks.log)) {
    if (hooks.stopped()) break;
    const what = unit.flows.length ? 'iterations/s' : 'req/s';
    hooks.log?.(`profile: ${unit.name} alone at ${settings.rate} ${what} for ${settings.duration / 1000}s`);
    const before = await postgres?.statementSnapshot();
    const engine = new LoadEngine({
      ...plan,
      endpoints: unit.endpoints,
      flows: unit.flows,
      model: {
        kind: 'open',
        segments: [{ durationMs: settings.duration, from: settings.rate, to: settings.rate }],
        warmupMs: 0,
      },
    });
    hooks.onEngine(engine);
    const outcome = await engine.run();
    out.summaries[unit.name] = { requests: outcome.summary.requests, summary: outcome.summary };
    if (postgres && before) out.perEndpoint[unit.name] = await postgres.profileSince(before, outcome.summary.requests);
  }
  return out;
}

/**
 * What is profiled alone: each endpoint, then each flow (its steps together, as one user sends them). A flow taking
 * rows of a unique data set is left out, so the measured load still sees every row at most once.
 */
function profileUnits(
  plan: EnginePlan,
  log?: (line: string) => void,
): { name: string; endpoints: PreparedEndpoint[]; flows: FlowPlan[] }[] {
  const units = plan.endpoints.map((e) => ({
    name: e.name,
    endpoints: [{ ...e, weight: 1 }],
    flows: [] as FlowPlan[],
  }));
  const unique = new Set((plan.data ?? []).filter((d) => d.mode === 'unique').map((d) => d.name));
  for (const flow of plan.flows ?? []) {
    const spent = flow.dataSets.find((d) => unique.has(d));
    if (spent) log?.(`profile: flow ${flow.name} left out: it takes rows of the unique data set ${spent}`);
    else units.push({ name: flow.name, endpoints: [], flows: [{ ...renumberSteps(flow, 0), weight: 1 }] });
  }
  return units;
}
