/** Maps the flat flags of `run` (docs/architecture.md) onto config words, so one schema validates both. */
import type { ConfigInput } from './schema.js';
import { ConfigError } from '../errors.js';

export interface RunFlags {
  config?: string;
  target?: string;
  path?: string[];
  rate?: string;
  connections?: string;
  duration?: string;
  warmup?: string;
  timeout?: string;
  out?: string;
  format?: string;
  reportOut?: string;
  quiet?: boolean;
  failOn?: string;
  pg?: string;
  pgReplica?: string[];
  pgbouncer?: string;
  redis?: string[];
  celeryRedis?: string;
  rabbitmq?: string;
  queue?: string[];
  slo?: string[];
  header?: string[];
  appToken?: string;
  workers?: string;
  shard?: string;
  dryRun?: boolean;
  trace?: boolean;
  /** `run --calibrate`: calibrate the generator first, in the same invocation. */
  calibrate?: boolean;
  insecure?: boolean;
  seed?: string;
  metricsPort?: string;
  prometheusRw?: string;
  /** --history FILE, or false for --no-history. */
  history?: string | false;
  label?: string;
}

const num = (flag: string, v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n))
    throw new ConfigError(`--${flag}: expected a number, got ${JSON.stringify(v)}`);
  return n;
};

export function parseHeaderFlag(raw: string): [string, string] {
  const i = raw.indexOf(':');
  if (i <= 0) throw new ConfigError(`--header: expected 'Name: value', got ${JSON.stringify(raw)}`);
  return [raw.slice(0, i).trim(), raw.slice(i + 1).trim()];
}

/** `--path /x` or `--path 'POST /orders'`. */
export function parsePathFlag(raw: string): { method: string; path: string } {
  const m = /^\s*([A-Za-z]+)\s+(\S+)\s*$/.exec(raw);
  return m ? { method: m[1]!.toUpperCase(), path: m[2]! } : { method: 'GET', path: raw.trim() };
}

/** `--slo p95=300ms` → { p95: "300ms" }. */
export function parseSloFlag(raw: string): [string, string] {
  const i = raw.indexOf('=');
  if (i <= 0) throw new ConfigError(`--slo: expected name=value like p95=300ms, got ${JSON.stringify(raw)}`);
  return [raw.slice(0, i).trim(), raw.slice(i + 1).trim()];
}

export function flagsToConfig(flags: RunFlags): Partial<ConfigInput> {
  const out: Record<string, unknown> = {};
  const load: Record<string, unknown> = {};
  if (flags.target) out.target = flags.target;
  if (flags.path?.length) out.endpoints = flags.path.map(parsePathFlag);
  const rate = num('rate', flags.rate);
  const connections = num('connections', flags.connections);
  if (rate !== undefined) Object.assign(load, { rate, connections: undefined, stages: undefined });
  if (connections !== undefined) Object.assign(load, { connections, rate: undefined, stages: undefined });
  if (flags.duration) load.duration = flags.duration;
  if (flags.warmup) load.warmup = flags.warmup;
  if (flags.timeout) load.timeout = flags.timeout;
  const seed = num('seed', flags.seed);
  if (seed !== undefined) load.seed = seed;
  if (Object.keys(load).length) out.load = load;
  if (flags.out) out.out = flags.out;
  if (flags.format) out.format = flags.format;
  if (flags.history !== undefined) out.history = flags.history;
  if (flags.reportOut) out.report_out = flags.reportOut;
  if (flags.failOn) out.fail_on = flags.failOn;
  if (flags.header?.length) out.headers = Object.fromEntries(flags.header.map(parseHeaderFlag));
  if (flags.appToken) out.app = { token: flags.appToken };
  if (flags.slo?.length) out.slo = Object.fromEntries(flags.slo.map(parseSloFlag));
  const workers = num('workers', flags.workers);
  if (workers !== undefined) out.workers = workers;
  if (flags.shard) out.shard = flags.shard;
  if (flags.insecure) out.insecure = true;
  const metricsPort = num('metrics-port', flags.metricsPort);
  if (metricsPort !== undefined || flags.prometheusRw) {
    out.metrics = {
      ...(metricsPort !== undefined && { port: metricsPort }),
      ...(flags.prometheusRw && { remote_write: flags.prometheusRw }),
    };
  }
  const sources = sourcesFromFlags(flags);
  if (sources) out.sources = sources;
  return out as Partial<ConfigInput>;
}

function sourcesFromFlags(flags: RunFlags): Record<string, unknown> | undefined {
  const s: Record<string, unknown> = {};
  const pg: Record<string, unknown> = {};
  if (flags.pg) pg.primary = flags.pg;
  if (flags.pgReplica?.length) pg.replicas = flags.pgReplica;
  if (flags.pgbouncer) pg.pgbouncer = flags.pgbouncer;
  if (Object.keys(pg).length) s.postgres = pg;
  if (flags.redis?.length) s.redis = flags.redis;
  const q: Record<string, unknown> = {};
  if (flags.celeryRedis) q.celery_redis = flags.celeryRedis;
  if (flags.rabbitmq) q.rabbitmq = flags.rabbitmq;
  if (flags.queue?.length) q.names = flags.queue;
  if (Object.keys(q).length) s.queues = q;
  return Object.keys(s).length ? s : undefined;
}

/** The flags of `capacity` beyond those of `run`; they map onto the `capacity:` words. */
export interface CapacityFlags {
  start?: string;
  max?: string;
  step?: string;
  settle?: string;
  cooldown?: string;
  confirm?: string;
  precision?: string;
  minRate?: string;
  baseline?: string;
}

export function capacityFlagsToConfig(flags: CapacityFlags): Partial<ConfigInput> {
  const capacity: Record<string, unknown> = {};
  const numbers = { start: flags.start, max: flags.max };
  if (flags.minRate !== undefined)
    capacity.min_rate = /x$/i.test(flags.minRate) ? flags.minRate : num('min-rate', flags.minRate);
  if (flags.baseline !== undefined) capacity.baseline = flags.baseline;
  for (const [key, value] of Object.entries(numbers)) {
    const n = num(key.replace('_', '-'), value);
    if (n !== undefined) capacity[key] = n;
  }
  for (const key of ['step', 'settle', 'cooldown', 'confirm', 'precision'] as const)
    if (flags[key] !== undefined) capacity[key] = flags[key];
  return Object.keys(capacity).length ? ({ capacity } as Partial<ConfigInput>) : {};
}
