/** `--dry-run`: the plan in words — rates, durations, total requests, sources — and nothing sent. Pure. */
import type { Config } from '../config/schema.js';
import { distributeLoad } from '../load/plan/distribute.js';
import { expectedRequests } from '../load/models/schedule.js';
import { formatDuration } from '../util/format.js';
import { redactText, redactUrl, withEnvNames } from '../util/redact.js';
import { renderDrillPlan } from '../drill/render.js';

export function formatPlan(config: Config): string {
  const load = distributeLoad(config);
  const plan = load.whole;
  const run = load.runPlan;
  const lines = [`target      ${shown(run.target)}`];
  if (plan.model.kind === 'open') {
    const measured = plan.model.warmupMs > 0 ? plan.model.segments.slice(1) : plan.model.segments;
    lines.push(`model       open (arrival rate)`);
    for (const s of plan.model.segments)
      lines.push(
        `  ${formatDuration(s.durationMs).padEnd(8)} ` +
          `${s.from === s.to ? `${s.to} req/s` : `${s.from} → ${s.to} req/s`}`,
      );
    lines.push(
      `requests    ≈ ${Math.round(expectedRequests(measured))} measured (+ ` +
        `${Math.round(expectedRequests(plan.model.segments) - expectedRequests(measured))} warmup)`,
    );
  } else {
    lines.push(`model       closed: ${plan.model.connections} users, think ${formatDuration(plan.model.thinkMs)}`);
  }
  lines.push(`duration    ${formatDuration(run.duration_s * 1000)} (+ warmup ${formatDuration(run.warmup_s * 1000)})`);
  lines.push(`timeout     ${formatDuration(plan.timeoutMs)}, max in flight ${plan.maxInFlight}`);
  const samples = load.samplesSources ? ' and samples the sources' : '';
  const shard = load.shard
    ? `, shard ${load.shard.index}/${load.shard.count} sends 1/${load.shard.count} of it${samples}`
    : '';
  lines.push(`workers     ${load.workers} thread${load.workers === 1 ? '' : 's'}${shard}`);
  // Flow steps are endpoints to the engine and in run.json, but a flow arrival sends them all, in order.
  const steps = new Set((plan.flows ?? []).flatMap((f) => f.steps.map((st) => st.name)));
  const endpoints = run.endpoints.filter((e) => !steps.has(e.name));
  if (endpoints.length) lines.push('endpoints');
  for (const e of endpoints)
    lines.push(
      `  ${e.method.padEnd(6)} ${shownPath(e.path)}  weight ${e.weight}${e.name !== e.path ? `  (${e.name})` : ''}`,
    );
  for (const f of plan.flows ?? []) {
    const count = `${f.steps.length} step${f.steps.length === 1 ? '' : 's'}`;
    lines.push(`flow        ${f.name}  weight ${f.weight}${f.csrf ? '  csrf: django' : ''}  ${count} in order`);
    for (const st of f.steps) lines.push(`  ${st.method.padEnd(6)} ${shownPath(st.configuredPath)}  (${st.step})`);
  }
  for (const d of plan.data ?? []) lines.push(`data        ${d.name}  ${d.mode}  ${d.total} rows`);
  const sources = describeSources(config);
  lines.push(`sources     ${sources.length ? '' : 'none'}`);
  for (const s of sources) lines.push(`  ${s}`);
  if (config.drill?.actions.length) lines.push(renderDrillPlan(config.drill.actions).trimEnd());
  return `${lines.join('\n')}\n`;
}

/** A URL as the dry run shows it: secrets from the environment as `${NAME}`, any other password masked. */
const shown = (url: string): string => redactUrl(withEnvNames(url));

const shownPath = (path: string): string => redactText(withEnvNames(path));

function describeSources(config: Config): string[] {
  const s = config.sources;
  const out: string[] = [];
  if (s.postgres?.primary) out.push(`postgres  ${shown(s.postgres.primary)}`);
  for (const r of s.postgres?.replicas ?? []) out.push(`replica   ${shown(r)}`);
  if (s.postgres?.pgbouncer) out.push(`pgbouncer ${shown(s.postgres.pgbouncer)}`);
  for (const r of s.redis) out.push(`redis     ${shown(r)}`);
  if (s.queues?.celery_redis) out.push(`celery    ${shown(s.queues.celery_redis)} queues ${s.queues.names.join(', ')}`);
  if (s.queues?.rabbitmq) out.push(`rabbitmq  ${shown(s.queues.rabbitmq)} queues ${s.queues.names.join(', ')}`);
  return out;
}
