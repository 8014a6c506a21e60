/**
 * Gates: the SLOs and budgets the config sets, each judged pass/fail (separate from the score). SLO gates read
 * the whole run or the trailing window of `slo.over`; per-endpoint SLOs and budgets read the whole run.
 *
 * A gate whose figure was not measured FAILS (value null): a budget someone wrote into the config is a promise
 * CI must be able to check, so a missing source, a misspelt endpoint or an empty run never turns CI green.
 */
import type { Finding, Gate, RunResult } from '../result/run-result.js';
import { formatMs as ms } from '../util/format.js';
import { formatPercent } from '../util/format.js';
import { queriesNotSeen } from '../../checks/db-watched.js';
import type { AuditConfig } from './audit-config.js';
import { buildEvidence, type AuditEvidence } from './build-evidence.js';

export type { FailOn } from '../config/choices.js';
import type { FailOn } from '../config/choices.js';

const PERCENTILES = ['p50', 'p90', 'p95', 'p99'] as const;
type Direction = 'max' | 'min';
type Unit = 'ms' | 's' | 'ratio' | 'count';

export function evaluateGates(
  result: RunResult,
  config: AuditConfig,
  evidence: AuditEvidence = buildEvidence(result, { over_ms: config.slo.over }),
): Gate[] {
  return [
    ...sloGates(evidence, config),
    ...endpointGates(evidence, config),
    ...flowGates(result, config),
    ...budgetGates(evidence, config),
  ];
}

function sloGates(e: AuditEvidence, config: AuditConfig): Gate[] {
  const slo = config.slo;
  const j = e.run.judged;
  const scope = j.scope === 'window' ? `last ${j.seconds} s` : 'whole run';
  const empty = j.requests === 0 ? `no completed request in the ${scope}` : undefined;
  const gates: Gate[] = [];
  for (const p of PERCENTILES) {
    const limit = slo[p];
    if (limit !== undefined)
      gates.push(judge(`slo.${p}`, p, empty ? null : j.latency_ms[p], limit, 'max', 'ms', scope, empty));
  }
  if (slo.error_rate !== undefined)
    gates.push(
      judge('slo.error_rate', 'error rate', empty ? null : j.error_rate, slo.error_rate, 'max', 'ratio', scope, empty),
    );
  if (slo.throughput !== undefined) gates.push(throughputGate(e, slo.throughput, scope));
  return gates;
}

function throughputGate(e: AuditEvidence, limit: number, scope: string): Gate {
  const j = e.run.judged;
  if (e.run.model === 'closed')
    return missing('slo.throughput', limit, 'closed model: no target rate to compare with (use --rate)');
  if (!j.target_rps) return missing('slo.throughput', limit, 'no target rate in this run');
  const gate = judge(
    'slo.throughput',
    'successful throughput',
    j.success_rps / j.target_rps,
    limit,
    'min',
    'ratio',
    scope,
  );
  if (!gate.passed && e.run.generator.lagged && j.rps / j.target_rps < limit) {
    return {
      ...gate,
      message:
        `inconclusive: ${gate.message}, but the load generator lagged ` +
        `(${e.run.generator.reason ?? 'schedule slipped'})`,
    };
  }
  return gate;
}

function endpointGates(e: AuditEvidence, config: AuditConfig): Gate[] {
  const gates: Gate[] = [];
  const windowNote = e.run.judged.scope === 'window' ? 'whole run: the timeline is not kept per endpoint' : 'whole run';
  for (const [name, slo] of Object.entries(config.slo.endpoints ?? {})) {
    const ep = e.run.endpoints[name];
    const known = Object.keys(e.run.endpoints).join(', ');
    const empty = !ep
      ? `endpoint "${name}" is not in this run (endpoints: ${known || 'none'})`
      : ep.summary.requests === 0
        ? `no completed request on ${name}`
        : undefined;
    for (const p of PERCENTILES) {
      const limit = slo[p];
      if (limit !== undefined)
        gates.push(
          judge(
            `slo.endpoints.${name}.${p}`,
            `${name} ${p}`,
            empty ? null : ep!.summary.latency_ms[p],
            limit,
            'max',
            'ms',
            windowNote,
            empty,
          ),
        );
    }
    if (slo.error_rate !== undefined) {
      gates.push(
        judge(
          `slo.endpoints.${name}.error_rate`,
          `${name} error rate`,
          empty ? null : ep!.summary.error_rate,
          slo.error_rate,
          'max',
          'ratio',
          windowNote,
          empty,
        ),
      );
    }
  }
  return gates;
}

/** `slo.flows.<flow>`: whole iterations' latency (completed ones) and their failure rate, over the whole run. */
function flowGates(result: RunResult, config: AuditConfig): Gate[] {
  const gates: Gate[] = [];
  for (const [name, slo] of Object.entries(config.slo.flows ?? {})) {
    const flow = result.flows?.[name];
    const known = Object.keys(result.flows ?? {}).join(', ');
    const ended = flow ? flow.completed + flow.failed : 0;
    const empty = !flow
      ? `flow "${name}" is not in this run (flows: ${known || 'none'})`
      : ended === 0
        ? `no iteration of ${name} ended`
        : undefined;
    for (const p of PERCENTILES) {
      const limit = slo[p];
      if (limit === undefined) continue;
      const none = empty ?? (flow!.completed === 0 ? `no iteration of ${name} completed` : undefined);
      const value = none ? null : flow!.summary.latency_ms[p];
      gates.push(
        judge(`slo.flows.${name}.${p}`, `${name} iteration ${p}`, value, limit, 'max', 'ms', 'whole run', none),
      );
    }
    if (slo.error_rate !== undefined) {
      const value = empty ? null : flow!.summary.failure_rate;
      const label = `${name} failed iterations`;
      gates.push(
        judge(`slo.flows.${name}.error_rate`, label, value, slo.error_rate, 'max', 'ratio', 'whole run', empty),
      );
    }
  }
  return gates;
}

function budgetGates(e: AuditEvidence, config: AuditConfig): Gate[] {
  const b = config.budgets;
  const gates: Gate[] = [];
  const add = (
    key: string,
    label: string,
    value: number | null | undefined,
    limit: number | undefined,
    dir: Direction,
    unit: Unit,
    absent: string,
  ): void => {
    if (limit === undefined) return;
    gates.push(
      value === undefined
        ? missing(`budget.${key}`, limit, `not measured: ${absent}`)
        : judge(
            `budget.${key}`,
            label,
            value,
            limit,
            dir,
            unit,
            'whole run',
            value === null ? neverMessage(key) : undefined,
          ),
    );
  };
  const lag = e.db?.replica_lag_max_s ?? maxOf((e.db?.replicas ?? []).map((r) => r.lag_max_s));
  const unseen = queriesNotSeen(e);
  add(
    'queries_per_request',
    'queries per request',
    e.db?.queries_per_request,
    b.queries_per_request,
    'max',
    'count',
    unseen ? `${unseen.message} — ${unseen.remedy}` : 'pass --pg DSN with pg_stat_statements',
  );
  add('replica_lag', 'replica lag', lag, seconds(b.replica_lag), 'max', 's', 'pass --pg DSN and --pg-replica DSN');
  add(
    'queue_depth',
    'queue depth',
    e.queues?.depth_max,
    b.queue_depth,
    'max',
    'count',
    'pass --celery-redis or --rabbitmq with --queue',
  );
  add(
    'drain',
    'queue drain',
    e.queues?.drain_s,
    seconds(b.drain),
    'max',
    's',
    'pass --celery-redis or --rabbitmq with --queue',
  );
  add(
    'recovery',
    'recovery',
    e.drill ? e.drill.recovery_s : undefined,
    seconds(b.recovery),
    'max',
    's',
    'no drill in this run (drill.actions)',
  );
  add(
    'drill_error_rate',
    'error rate during the fault',
    e.drill?.degradation.error_rate,
    b.drill_error_rate,
    'max',
    'ratio',
    'no drill in this run (drill.actions)',
  );
  add(
    'pool_wait',
    'pool wait',
    e.db?.pooler?.present ? e.db.pooler.maxwait_ms_max : undefined,
    b.pool_wait,
    'max',
    'ms',
    'pass --pgbouncer DSN',
  );
  const offload =
    e.edge?.offload_ratio ?? (e.edge && e.edge.responses > 0 ? e.edge.hits / e.edge.responses : undefined);
  add('offload', 'CDN offload', offload, b.offload, 'min', 'ratio', 'response headers were not recorded');
  return gates;
}

function judge(
  id: string,
  label: string,
  value: number | null,
  threshold: number,
  dir: Direction,
  unit: Unit,
  scope: string,
  absent?: string,
): Gate {
  if (value === null) return missing(id, threshold, absent ?? 'not measured');
  const passed = dir === 'max' ? value <= threshold : value >= threshold;
  const op = passed ? (dir === 'max' ? '≤' : '≥') : dir === 'max' ? '>' : '<';
  return {
    id,
    passed,
    value,
    threshold,
    message: `${label} ${show(value, unit)} ${op} ${show(threshold, unit)} (${scope})`,
  };
}

function missing(id: string, threshold: number, why: string): Gate {
  return { id, passed: false, value: null, threshold, message: why };
}

function neverMessage(key: string): string {
  return key === 'drain'
    ? 'queues never drained back to their starting depth'
    : 'never recovered within the SLO after the fault';
}

function show(value: number, unit: Unit): string {
  if (unit === 'ms') return ms(value);
  if (unit === 's') return `${Number(value.toFixed(2))} s`;
  if (unit === 'ratio') return formatPercent(value, value > 0 && value < 0.001 ? 3 : 2);
  return String(Number(value.toFixed(2)));
}

const seconds = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / 1000);
const maxOf = (xs: (number | undefined)[]): number | undefined => {
  const ns = xs.filter((x): x is number => x !== undefined);
  return ns.length ? Math.max(...ns) : undefined;
};

/**
 * Exit code for CI: 1 when a gate failed, or (with --fail-on fail / warn) a rule failed / warned; else 0.
 * not-measured rules never fail the run on their own: budgets are how to insist on a figure.
 */
export function exitCodeFor(gates: readonly Gate[], findings: readonly Finding[], failOn: FailOn): 0 | 1 {
  if (gates.some((g) => !g.passed)) return 1;
  if (failOn === 'fail' || failOn === 'warn') {
    const bad = failOn === 'fail' ? ['fail'] : ['fail', 'warn'];
    if (findings.some((f) => bad.includes(f.status))) return 1;
  }
  return 0;
}
