/**
 * The shape of a stored run.json (version 1) as the renderers, compare and merge read it. Objects are loose:
 * newer minor fields pass through; what is checked is what the readers rely on.
 */
import { z } from 'zod';

const num = z.number();
const counts = z.record(z.string(), num);
const latency = z.looseObject({ p50: num, p90: num, p95: num, p99: num, max: num });
const percentiles = z.looseObject({ p50: num, p99: num, max: num });

const summary = z.looseObject({
  requests: num,
  rps: num,
  success_rps: num.optional(),
  errors: num,
  error_rate: num,
  dropped: num,
  target_rps: num.optional(),
  latency_ms: latency,
  service_time_ms: latency,
  error_latency_ms: latency.optional(),
  errors_by_class: counts,
  status_codes: counts,
  bytes_received: num,
});
const histograms = z.looseObject({ latency: z.string(), service_time: z.string(), errors: z.string() });
const planEndpoint = z.looseObject({
  name: z.string(),
  method: z.string(),
  path: z.string(),
  weight: num,
  accept_encoding: z.string().optional(),
});

const plan = z.looseObject({
  model: z.enum(['open', 'closed']),
  target: z.string(),
  duration_s: num,
  warmup_s: num,
  rate: num.optional(),
  connections: num.optional(),
  stages: z.array(z.looseObject({ duration_s: num, rate: num })).optional(),
  endpoints: z.array(planEndpoint),
  workers: num.optional(),
});

const timelineRow = z.looseObject({
  t: num,
  rps: num,
  p50: num,
  p95: num,
  p99: num,
  errors: num,
  requests: num,
  dropped: num,
  errors_by_class: counts,
  status_codes: counts,
  histogram: z.string(),
});

const source = z.looseObject({
  id: z.string(),
  kind: z.string(),
  description: z.string(),
  series: z.array(z.looseObject({ t: num, values: counts })),
  gaps: z.array(z.looseObject({ t: num, reason: z.string() })),
  deltas: z.record(z.string(), z.unknown()),
  overhead_ratio: num.optional(),
});

const scalar = z.union([num, z.string(), z.null()]);
const finding = z.looseObject({
  id: z.string(),
  category: z.string(),
  title: z.string(),
  status: z.enum(['pass', 'warn', 'fail', 'not-measured']),
  value: scalar,
  threshold: scalar,
  message: z.string(),
  remedy: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
const gate = z.looseObject({
  id: z.string(),
  passed: z.boolean(),
  value: num.nullable(),
  threshold: num,
  message: z.string().optional(),
});

const drill = z.looseObject({
  actions: z.array(
    z.looseObject({
      name: z.string(),
      command: z.string(),
      at_s: num,
      exit_code: num.nullable(),
      timed_out: z.boolean(),
      output: z.string(),
      kind: z.enum(['fault', 'recover']),
    }),
  ),
  baseline: z.looseObject({ p95_ms: num, error_rate: num }),
  degradation: z.looseObject({ p95_ms: num, error_rate: num, by_class: counts, seconds: num }),
  recovery_s: num.nullable(),
  summary: z.string(),
});

const capacityStep = z.looseObject({
  rate: num,
  achieved_rps: num,
  p50_ms: num,
  p95_ms: num,
  p99_ms: num,
  error_rate: num,
  passed: z.boolean(),
  verdict: z.enum(['pass', 'fail', 'inconclusive', 'interrupted']),
  reason: z.string(),
  concurrency: num,
  signals: counts,
});

const capacity = z.looseObject({
  status: z.enum(['found', 'ceiling', 'inconclusive', 'none', 'interrupted']),
  max_rate: num.nullable(),
  bracket: z.tuple([num.nullable(), num.nullable()]),
  confirmed: z.boolean(),
  reason: z.string(),
  slo: counts,
  limited_by: z.array(z.looseObject({ signal: z.string(), detail: z.string() })),
  concurrency_at_knee: num.nullable(),
  usl: z.looseObject({ sigma: num, kappa: num, peak_rate: num.nullable(), r2: num, poor: z.boolean() }).nullable(),
  min_rate: num.optional(),
  search: z.looseObject({ start: num, ceiling: num, precision: num, step_s: num, confirm_s: num }),
  steps: z.array(capacityStep),
});

const flow = z.looseObject({
  name: z.string(),
  weight: num,
  steps: z.array(z.string()),
  iterations: num,
  completed: num,
  failed: num,
  dropped: num,
  summary: z.looseObject({ rate: num, target_rate: num.optional(), failure_rate: num, latency_ms: latency }),
  failed_at: counts,
  failed_by_class: counts,
  histogram: z.string(),
});
const dataUse = z.looseObject({
  mode: z.enum(['unique', 'circular', 'random']),
  rows: num,
  used: num,
  exhausted: z.boolean(),
});

const section = z.record(z.string(), z.unknown());

export const runResultSchema = z.looseObject({
  version: z.literal(1),
  tool: z.looseObject({ name: z.string(), version: z.string() }),
  partial: z.boolean(),
  stop_reason: z.string().optional(),
  started_at: z.string(),
  start_ms: num,
  duration_s: num,
  config: z.record(z.string(), z.unknown()),
  plan,
  summary,
  histograms,
  endpoints: z.record(z.string(), z.looseObject({ summary, histograms })),
  flows: z.record(z.string(), flow).optional(),
  data: z.record(z.string(), dataUse).optional(),
  ended_early: z.string().optional(),
  timeline: z.array(timelineRow),
  generator: z.looseObject({
    event_loop_delay_ms: percentiles,
    schedule_lag_ms: percentiles,
    queue_ms: percentiles.optional(),
    cpu_ratio: num,
    lagged: z.boolean(),
    reason: z.string().optional(),
    limited_by: z.string().optional(),
  }),
  sources: z.record(z.string(), source),
  evidence: z.looseObject({
    db: section.optional(),
    cache: section.optional(),
    queues: section.optional(),
    edge: section.optional(),
    web: section.optional(),
  }),
  findings: z.array(finding),
  score: z.looseObject({ overall: num.nullable(), categories: z.record(z.string(), num.nullable()) }),
  gates: z.array(gate),
  drill: drill.optional(),
  capacity: capacity.optional(),
});
