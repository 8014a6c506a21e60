/**
 * Builds valid RunResults as data, with latencies drawn from seeded random distributions: every second has
 * its own encoded HDR histogram, and endpoint and run histograms are the exact sums of what was drawn.
 * Latency is log-normal around a median; each second's median wanders a little (GC pauses, neighbours), the
 * run-to-run noise a comparison must not mistake for a change.
 */
import { seededRandom } from '../../src/load/endpoint-mix.js';
import { createHistogram, encodeHistogram, recordMs, summarizeHistogram } from '../../src/load/histogram.js';
import type { Histogram } from '../../src/load/histogram.js';
import type {
  DrillResult,
  EndpointResult,
  Finding,
  Gate,
  RunResult,
  Score,
  SourceResult,
  Summary,
  TimelineRow,
} from '../../src/result/run-result.js';
import type { Evidence } from '../../src/result/evidence.js';
import { ERROR_CLASSES } from '../../src/result/run-result.js';

export interface EndpointSpec {
  name: string;
  method?: string;
  path: string;
  weight?: number;
  /** Multiplies the run's median for this endpoint. */
  slowdown?: number;
}

export interface RunSpec {
  seed: number;
  seconds?: number;
  rps?: number;
  /** Median latency in ms. */
  median_ms?: number;
  /** Log-normal shape: p95 ≈ median × e^(1.645 σ). */
  sigma?: number;
  /** Standard deviation of the per-second log-median: run-to-run and second-to-second noise. */
  jitter?: number;
  error_rate?: number;
  /** Added to every latency: what a generator that sent each request late adds to a CO-corrected latency. */
  added_ms?: number;
  target?: string;
  endpoints?: EndpointSpec[];
  evidence?: Evidence;
  findings?: Finding[];
  gates?: Gate[];
  score?: Score;
  sources?: Record<string, SourceResult>;
  drill?: DrillResult;
  config?: Record<string, unknown>;
}

export { seededRandom };

function normal(random: () => number): number {
  const u = Math.max(random(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

const DEFAULT_ENDPOINTS: EndpointSpec[] = [{ name: 'home', path: '/' }];

function emptySummary(): Summary {
  const zero = { p50: 0, p90: 0, p95: 0, p99: 0, max: 0, mean: 0 };
  return {
    requests: 0,
    rps: 0,
    errors: 0,
    error_rate: 0,
    dropped: 0,
    latency_ms: zero,
    service_time_ms: zero,
    errors_by_class: Object.fromEntries(ERROR_CLASSES.map((c) => [c, 0])) as Summary['errors_by_class'],
    status_codes: {},
    bytes_received: 0,
  };
}

function summaryOf(h: Histogram, requests: number, errors: number, seconds: number, targetRps?: number): Summary {
  const latency = summarizeHistogram(h);
  const s = emptySummary();
  s.requests = requests;
  s.rps = seconds > 0 ? Math.round((requests / seconds) * 100) / 100 : 0;
  s.errors = errors;
  s.error_rate = requests ? errors / requests : 0;
  s.latency_ms = latency;
  s.service_time_ms = latency;
  s.errors_by_class.http = errors;
  s.status_codes = { '200': requests - errors, ...(errors ? { '500': errors } : {}) };
  s.bytes_received = requests * 1200;
  if (targetRps !== undefined) s.target_rps = targetRps;
  return s;
}

export function buildRunResult(spec: RunSpec): RunResult {
  const random = seededRandom(spec.seed);
  const seconds = spec.seconds ?? 30;
  const rps = spec.rps ?? 50;
  const median = spec.median_ms ?? 40;
  const sigma = spec.sigma ?? 0.5;
  const jitter = spec.jitter ?? 0.08;
  const errorRate = spec.error_rate ?? 0;
  const endpoints = spec.endpoints ?? DEFAULT_ENDPOINTS;
  const totalWeight = endpoints.reduce((s, e) => s + (e.weight ?? 1), 0);

  const runHist = createHistogram();
  const perEndpoint = endpoints.map(() => ({ hist: createHistogram(), requests: 0, errors: 0 }));
  const timeline: TimelineRow[] = [];
  let runErrors = 0;

  for (let t = 0; t < seconds; t++) {
    const secondHist = createHistogram();
    const secondMedian = median * Math.exp(jitter * normal(random));
    let requests = 0;
    let errors = 0;
    endpoints.forEach((e, i) => {
      const n = Math.round((rps * (e.weight ?? 1)) / totalWeight);
      for (let k = 0; k < n; k++) {
        const ms = secondMedian * (e.slowdown ?? 1) * Math.exp(sigma * normal(random)) + (spec.added_ms ?? 0);
        recordMs(secondHist, ms);
        recordMs(perEndpoint[i]!.hist, ms);
        const failed = random() < errorRate;
        if (failed) perEndpoint[i]!.errors++;
        errors += failed ? 1 : 0;
      }
      perEndpoint[i]!.requests += n;
      requests += n;
    });
    runHist.add(secondHist);
    runErrors += errors;
    const s = summarizeHistogram(secondHist);
    timeline.push({
      t,
      rps: requests,
      p50: s.p50,
      p95: s.p95,
      p99: s.p99,
      errors,
      requests,
      dropped: 0,
      errors_by_class: errors ? { http: errors } : {},
      status_codes: { '200': requests - errors, ...(errors ? { '500': errors } : {}) },
      histogram: encodeHistogram(secondHist),
    });
  }

  const requests = perEndpoint.reduce((s, e) => s + e.requests, 0);
  const endpointResults: Record<string, EndpointResult> = {};
  endpoints.forEach((e, i) => {
    const p = perEndpoint[i]!;
    const encoded = encodeHistogram(p.hist);
    endpointResults[e.name] = {
      name: e.name,
      method: e.method ?? 'GET',
      path: e.path,
      weight: e.weight ?? 1,
      summary: summaryOf(p.hist, p.requests, p.errors, seconds),
      histograms: { latency: encoded, service_time: encoded, errors: encodeHistogram(createHistogram()) },
    };
  });
  const runEncoded = encodeHistogram(runHist);
  const target = spec.target ?? 'http://127.0.0.1:8000';

  return {
    version: 1,
    tool: { name: 'scale-audit', version: '0.1.0' },
    partial: false,
    started_at: new Date(Date.UTC(2025, 0, 1, 12, 0, 0)).toISOString(),
    start_ms: Date.UTC(2025, 0, 1, 12, 0, 0),
    duration_s: seconds,
    config: spec.config ?? { target },
    environment: { node: 'v20.0.0', platform: 'linux', arch: 'x64', cpus: 2, hostname: 'test' },
    plan: {
      model: 'open',
      target,
      duration_s: seconds,
      warmup_s: 0,
      rate: rps,
      endpoints: endpoints.map((e) => ({
        name: e.name,
        method: e.method ?? 'GET',
        path: e.path,
        weight: e.weight ?? 1,
      })),
      workers: 1,
    },
    summary: summaryOf(runHist, requests, runErrors, seconds, rps),
    histograms: { latency: runEncoded, service_time: runEncoded, errors: encodeHistogram(createHistogram()) },
    endpoints: endpointResults,
    timeline,
    generator: {
      event_loop_delay_ms: { p50: 1, p99: 3, max: 8 },
      schedule_lag_ms: { p50: 0, p99: 1, max: 2 },
      cpu_ratio: 0.2,
      lagged: false,
    },
    sources: spec.sources ?? {},
    evidence: spec.evidence ?? {},
    findings: spec.findings ?? [],
    score: spec.score ?? { overall: null, categories: {} },
    gates: spec.gates ?? [],
    ...(spec.drill ? { drill: spec.drill } : {}),
  };
}

export function finding(
  id: string,
  category: string,
  status: Finding['status'],
  message = `${id} is ${status}`,
): Finding {
  return { id, category, title: id, status, value: null, threshold: null, message, remedy: `Fix ${id}.` };
}
