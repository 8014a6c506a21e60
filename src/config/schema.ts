/**
 * The one source of truth for the config file: validation and the TypeScript types both come from here.
 * Words match the stable surface in docs/architecture.md; objects are strict so a misspelt field is an error.
 */
import { z } from 'zod';
import { parseDuration, parseRatio } from './units.js';
import { FAIL_ON_LEVELS, REPORT_FORMATS } from './choices.js';

const describe = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : (JSON.stringify(v) ?? String(v)));

/** A duration in ms. `bare` says what unit a bare number is in. */
export const duration = (bare: 's' | 'ms' = 's') =>
  z
    .union([z.string(), z.number()])
    .transform((v, ctx) => {
      const ms = parseDuration(v, bare);
      if (ms === undefined) {
        ctx.addIssue({ code: 'custom', message: `expected a duration like "30s" or "250ms", got ${describe(v)}` });
        return z.NEVER;
      }
      return ms;
    })
    .meta({ title: 'duration' });

export const positiveDuration = (bare: 's' | 'ms' = 's') =>
  duration(bare).refine((ms) => ms > 0, { message: 'expected a duration greater than zero' });

/** A ratio 0–1 written as "1%" or 0.01. */
export const ratio = () =>
  z
    .union([z.string(), z.number()])
    .transform((v, ctx) => {
      const r = parseRatio(v);
      if (r === undefined || r > 1) {
        ctx.addIssue({ code: 'custom', message: `expected a percentage like "1%" or a ratio 0–1, got ${describe(v)}` });
        return z.NEVER;
      }
      return r;
    })
    .meta({ title: 'percentage' });

const positiveNumber = () =>
  z.number({ error: (i) => `expected a positive number, got ${describe(i.input)}` }).positive({
    error: (i) => `expected a positive number, got ${describe(i.input)}`,
  });
const positiveInt = () =>
  z
    .number({ error: (i) => `expected a positive whole number, got ${describe(i.input)}` })
    .int({ error: (i) => `expected a positive whole number, got ${describe(i.input)}` })
    .positive({ error: (i) => `expected a positive whole number, got ${describe(i.input)}` });

const httpUrl = () =>
  z
    .string()
    .refine((s) => /^https?:\/\/[^/]+/i.test(s) && URL.canParse(s), {
      error: (i) => `expected an http(s) URL, got ${describe(i.input)}`,
    })
    .meta({ title: 'http(s) URL' });

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

export const endpointSchema = z.strictObject({
  name: z.string().min(1).optional(),
  method: z
    .string()
    .transform((m) => m.toUpperCase())
    .pipe(z.enum(METHODS))
    .prefault('GET')
    .describe('HTTP method'),
  path: z.string().refine((p) => p.startsWith('/') || /^https?:\/\//.test(p), {
    error: (i) => `expected a path starting with "/", got ${describe(i.input)}`,
  }),
  headers: z.record(z.string(), z.string()).default({}).describe('headers of this endpoint, over the top-level ones'),
  body: z.string().optional().describe('request body, sent as written'),
  json: z.unknown().optional().describe('request body, sent as JSON'),
  weight: positiveNumber().default(1).describe('relative share of the requests'),
  expect: z
    .union([
      positiveInt(),
      z.array(positiveInt()),
      z.strictObject({ status: z.union([positiveInt(), z.array(positiveInt())]) }),
    ])
    .optional(),
});

const identifier = (what: string) =>
  z.string().regex(/^[A-Za-z_][\w-]*$/, {
    error: (i) => `expected a ${what} of letters, digits, _ or -, got ${describe(i.input)}`,
  });

/** What a flow step takes from its response for later steps. */
export const extractorSchema = z.union([
  z.strictObject({ json: z.string().min(1) }),
  z.strictObject({ regex: z.string().min(1) }),
  z.strictObject({ header: z.string().min(1) }),
  z.strictObject({ cookie: z.string().min(1) }),
]);

export const stepSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[^/\s]+$/, { error: (i) => `expected a step name without "/" or spaces, got ${describe(i.input)}` }),
    method: endpointSchema.shape.method,
    path: endpointSchema.shape.path,
    headers: endpointSchema.shape.headers,
    form: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
    json: z.unknown().optional(),
    body: z.string().optional(),
    expect: endpointSchema.shape.expect,
    extract: z.record(identifier('variable name'), extractorSchema).default({}),
    think: duration('ms').prefault(0).describe('pause before this step is sent (the user reading the previous page)'),
  })
  .refine((s) => [s.form, s.json, s.body].filter((b) => b !== undefined).length <= 1, {
    error: 'set only one of form, json or body',
  });

export const flowSchema = z.strictObject({
  name: identifier('flow name'),
  weight: positiveNumber().default(1),
  csrf: z.enum(['django']).optional(),
  steps: z.array(stepSchema).min(1),
});

const dataMode = z.enum(['unique', 'circular', 'random']).default('circular');
export const dataSetSchema = z.union([
  z.strictObject({ csv: z.string().min(1), mode: dataMode }),
  z.strictObject({ json: z.string().min(1), mode: dataMode }),
]);

export const stageSchema = z.strictObject({
  duration: positiveDuration(),
  rate: z.number({ error: (i) => `expected a rate ≥ 0, got ${describe(i.input)}` }).nonnegative({
    error: (i) => `expected a rate ≥ 0, got ${describe(i.input)}`,
  }),
});

export const loadSchema = z
  .strictObject({
    rate: positiveNumber().optional(),
    connections: positiveInt().optional(),
    stages: z.array(stageSchema).min(1).optional(),
    start_rate: z.number().nonnegative().default(0).describe('rate the first stage ramps from'),
    duration: positiveDuration().prefault('30s').describe('measured duration, e.g. 30s, 2m'),
    warmup: duration().prefault('0s').describe('sent before the measured part, not measured'),
    timeout: positiveDuration().prefault('10s').describe('a request slower than this is an error'),
    max_in_flight: positiveInt()
      .optional()
      .describe('requests (and flow iterations) in flight at most; default 2 × peak rate × timeout + pool, ≤ 10,000'),
    think: duration('ms').prefault(0).describe("closed model: pause between a user's requests"),
    pool: positiveInt()
      .optional()
      .describe('open model: sockets per origin opened before the load (more on demand, up to max_in_flight)'),
    pipelining: positiveInt().default(1),
    seed: z.number().int().default(1),
  })
  .refine((l) => [l.rate, l.connections, l.stages].filter((x) => x !== undefined).length <= 1, {
    error: 'set only one of rate, stages (open model) or connections (closed model)',
  });

const latencySlo = {
  p50: positiveDuration('ms').optional(),
  p90: positiveDuration('ms').optional(),
  p95: positiveDuration('ms').optional(),
  p99: positiveDuration('ms').optional(),
  error_rate: ratio().optional(),
};

export const sloSchema = z.strictObject({
  ...latencySlo,
  throughput: ratio().optional(),
  /** Judge gates over a trailing window instead of the whole run: "last 60s". */
  over: z
    .string()
    .transform((s, ctx) => {
      const m = /^last\s+(.+)$/i.exec(s.trim());
      const ms = m ? parseDuration(m[1]!) : undefined;
      if (ms === undefined || ms <= 0) {
        ctx.addIssue({ code: 'custom', message: `expected "last <duration>", got ${describe(s)}` });
        return z.NEVER;
      }
      return ms;
    })
    .optional(),
  endpoints: z.record(z.string(), z.strictObject(latencySlo)).default({}),
  /** A flow's whole iterations: latency from the first request's intended start to the last response. */
  flows: z.record(z.string(), z.strictObject(latencySlo)).optional(),
});

export const budgetsSchema = z
  .strictObject({
    queries_per_request: positiveNumber().optional(),
    replica_lag: positiveDuration().optional(),
    queue_depth: positiveNumber().optional(),
    drain: positiveDuration().optional(),
    recovery: positiveDuration().optional(),
    drill_error_rate: ratio().optional(),
    pool_wait: positiveDuration('ms').optional(),
    offload: ratio().optional(),
  })
  .default({});

const dsn = () =>
  z
    .string()
    .refine((s) => /^postgres(ql)?:\/\//i.test(s), { error: 'expected a postgres:// DSN' })
    .meta({ title: 'DSN' });
const redisUrl = () =>
  z
    .string()
    .refine((s) => /^rediss?:\/\//i.test(s), { error: 'expected a redis:// URL' })
    .meta({ title: 'redis:// URL' });

export const sourcesSchema = z
  .strictObject({
    interval: positiveDuration('ms').prefault('1s').describe('how often the sources are sampled'),
    drain_timeout: duration().prefault('60s').describe('how long to wait for queues to drain after the load'),
    shard: positiveInt().optional().describe('sharded runs (--shard i/N): the one shard that samples the sources'),
    postgres: z
      .strictObject({
        primary: dsn().optional().describe('DSN of the primary'),
        replicas: z.array(dsn()).default([]).describe('DSNs of the read replicas'),
        pgbouncer: dsn().optional().describe('DSN of the pgbouncer admin console (database pgbouncer)'),
        top: positiveInt().default(10).describe('how many of the costliest statements to keep'),
      })
      .optional(),
    redis: z
      .union([redisUrl().transform((u) => [u]), z.array(redisUrl())])
      .default([])
      .describe('redis:// URLs of the caches'),
    sessions: z
      .union([
        z.literal(false),
        z.strictObject({
          pattern: z.string().default('*django.contrib.sessions.cache*').describe('SCAN MATCH pattern of the keys'),
          max_scan: positiveInt().default(10_000).describe('stop after SCAN has walked this many keys'),
          max_time: positiveDuration('ms').prefault('2s').describe('stop the scan after this long'),
        }),
      ])
      .prefault({})
      .describe('the bounded SCAN of each Redis for session keys (Django cache sessions); false: none'),
    queues: z
      .strictObject({
        celery_redis: redisUrl().optional(),
        rabbitmq: z
          .string()
          .refine((s) => /^amqps?:\/\//i.test(s), { error: 'expected an amqp:// URL' })
          .meta({ title: 'amqp:// URL' })
          .optional(),
        names: z.array(z.string().min(1)).default([]),
      })
      .optional(),
  })
  .prefault({})
  .describe('systems sampled while the load runs (read-only)');

export const drillActionSchema = z.strictObject({
  name: z.string().optional(),
  at: duration(),
  run: z.string().min(1),
  timeout: positiveDuration().prefault('30s'),
  recover: z
    .strictObject({ at: duration(), run: z.string().min(1), timeout: positiveDuration().prefault('30s') })
    .optional(),
});

/** `scale-audit capacity`: the search for the highest rate that meets the SLO. */
export const capacitySchema = z.strictObject({
  start: positiveNumber().default(50),
  max: positiveNumber().default(5000),
  step: positiveDuration().prefault('20s').describe('how long each step holds its rate (after the settle)'),
  settle: duration().optional().describe("each step's unjudged start (default step/4, 1–10 s)"),
  cooldown: duration().optional().describe('pause between steps (default step/4, 1–5 s); queues drain before it'),
  confirm: duration().optional().describe('the confirmation hold at the answer (default 2 × step; 0: none)'),
  precision: ratio()
    .refine((r) => r > 0, { message: 'expected a precision greater than zero, like "5%"' })
    .prefault('5%'),
  min_rate: z
    .union([
      positiveNumber(),
      z.string().regex(/^\d+(\.\d+)?x$/i, {
        error: (i) => `expected a rate or a multiple like "6x", got ${describe(i.input)}`,
      }),
    ])
    .optional()
    .describe('the gate: exit 1 when the confirmed capacity is below this rate, or "6x" the baseline\'s'),
  baseline: z.string().min(1).optional().describe('a stored run.json (or capacity.json) whose rate a "6x" multiplies'),
});

export const configSchema = z.strictObject({
  target: httpUrl().optional().describe('base URL of the service under test (staging, never production)'),
  headers: z
    .record(z.string(), z.string())
    .default({})
    .describe('sent with every request; credential headers are masked in all output'),
  app: z
    .strictObject({ token: z.string().min(1).describe("the app's SCALE_AUDIT_TOKEN (a secret: masked everywhere)") })
    .optional()
    .describe('the app reports its own figures per request (integrations/django): sent as X-Scale-Audit-Token'),
  endpoints: z.array(endpointSchema).default([]).describe('the traffic mix: weight is the relative share'),
  flows: z
    .array(flowSchema)
    .default([])
    .describe('virtual users with sessions: steps in order, cookies, CSRF, extracted values, test data'),
  data: z
    .record(identifier('data set name'), dataSetSchema)
    .default({})
    .describe("test data sets for flows (a path relative to the config file's folder)"),
  load: loadSchema.prefault({}).describe('the workload: rate or stages (open model) or connections (closed)'),
  slo: sloSchema.prefault({}).describe('gates: a miss exits 1'),
  budgets: budgetsSchema.describe('limits on what the data tier and queues may do under the load'),
  checks: z
    .record(z.string(), z.record(z.string(), z.union([z.number(), z.string(), z.boolean()])))
    .default({})
    .describe('per-check threshold overrides: { cache.hit-ratio: { warn: 0.9 } }'),
  sources: sourcesSchema,
  edge: z
    .strictObject({ probe: z.array(z.string()).default([]), offload_target: ratio().optional() })
    .optional()
    .describe('CDN and caching: URLs to probe, the share of traffic the edge should absorb'),
  drill: z
    .strictObject({ actions: z.array(drillActionSchema).default([]), consecutive: positiveInt().default(3) })
    .optional()
    .describe('faults injected during the load by shell commands, and their recovery'),
  abort_on: z
    .strictObject({ error_rate: ratio(), for: positiveDuration().prefault('10s') })
    .optional()
    .describe('stop early when the target is clearly down'),
  limits: z
    .strictObject({ max_rate: positiveNumber().optional(), max_connections: positiveInt().optional() })
    .default({})
    .describe('refuse to run above these, whatever the flags say'),
  profile: z
    .union([
      z.boolean(),
      z.strictObject({ rate: positiveNumber().default(5), duration: positiveDuration().prefault('3s') }),
    ])
    .default(false)
    .describe('a short run per endpoint before the load, attributing statements to endpoints'),
  workers: positiveInt().optional().describe('load generator threads (default: from the rate and the cores)'),
  metrics: z
    .strictObject({
      port: z.number().int().min(0).max(65535).optional(),
      remote_write: httpUrl().optional(),
    })
    .optional()
    .describe('live metrics: OpenMetrics at 127.0.0.1:port/metrics; pushes to a remote-write receiver'),
  shard: z
    .string()
    .regex(/^(\d+|auto)\/\d+$/, { error: 'expected i/N like 1/3, or auto/N (Kubernetes Indexed Job)' })
    .optional()
    .describe('"i/N" (1-based), or "auto/N": i from a Kubernetes Indexed Job\'s JOB_COMPLETION_INDEX + 1'),
  insecure: z
    .boolean()
    .default(false)
    .describe('TLS: accept self-signed or otherwise unverifiable certificates (staging often has them)'),
  fail_on: z
    .enum(FAIL_ON_LEVELS)
    .default('gate')
    .describe('what exits 1: a failed gate; also a failed rule; also a warning'),
  out: z.string().optional().describe('where run.json is written'),
  format: z.enum(REPORT_FORMATS).default('terminal').describe('the report format'),
  report_out: z.string().optional().describe('where the report is written (default: stdout)'),
  capacity: capacitySchema.optional().describe('scale-audit capacity: the search for the highest rate within the SLO'),
  history: z
    .union([z.string().min(1), z.literal(false)])
    .optional()
    .describe('the history store (default .scale-audit/history.db); false: record nothing'),
});

export type ConfigInput = z.input<typeof configSchema>;
export type Config = z.output<typeof configSchema>;
export type EndpointConfig = z.output<typeof endpointSchema>;
export type LoadConfig = z.output<typeof loadSchema>;
export type SloConfig = z.output<typeof sloSchema>;
export type SourcesConfig = z.output<typeof sourcesSchema>;
export type DrillAction = z.output<typeof drillActionSchema>;
export type CapacityConfig = z.output<typeof capacitySchema>;
export type FlowConfig = z.output<typeof flowSchema>;
export type StepConfig = z.output<typeof stepSchema>;
export type DataSetConfig = z.output<typeof dataSetSchema>;
export type ExtractorConfig = z.output<typeof extractorSchema>;
