/** The Comparison of two runs: what `compare` computes and every compare renderer reads. */
import type { FindingStatus } from '../result/run-result.js';
import type { ValueUnit } from '../util/format.js';
import type { Better, FigureInterval, Inconclusive, JudgementMethod, Verdict } from './judge.js';

export type { Better, FigureInterval, Inconclusive, Verdict, JudgementMethod };

/** A compared figure's unit: every unit the formatter knows except a bare count. */
export type FigureUnit = Exclude<ValueUnit, 'count'>;
export type FigureGroup = 'latency' | 'throughput' | 'errors' | 'database' | 'cache' | 'edge' | 'queues' | 'score';

/** What a figure is, whether or not it was compared. */
export interface FigureMeta {
  /** Stable id: "latency.p95", "rps", "error_rate", "db.queries_per_request", "score.Database", … */
  id: string;
  label: string;
  group: FigureGroup;
  unit: FigureUnit;
  better: Better;
  /** A gate figure: its regression fails `compare --fail-on-regression`. */
  gate: boolean;
}

export interface FigureComparison extends FigureMeta {
  before: number | null;
  after: number | null;
  /** after − before. */
  delta: number | null;
  /** (after − before) ÷ |before|; null when before is 0 or a side is missing. */
  relative: number | null;
  verdict: Verdict;
  method: JudgementMethod;
  /** The intervals behind the verdict (interval methods only). */
  interval?: FigureInterval;
  /** Why the verdict: the change and its interval, or why it could not be judged. */
  reason: string;
  /** An inconclusive verdict's cause (generator-lagged, too-short) and its fix. */
  inconclusive?: Inconclusive;
}

export interface RunIdentity {
  target: string;
  started_at: string;
  duration_s: number;
  model: 'open' | 'closed';
  rate?: number;
  connections?: number;
  endpoints: string[];
  requests: number;
  partial: boolean;
  generator_lagged: boolean;
}

export type RuleState = FindingStatus | 'absent';

export interface RuleChange {
  id: string;
  category: string;
  title: string;
  before: RuleState;
  after: RuleState;
  /** improved / regressed between pass, warn and fail; not-comparable to or from not-measured/absent. */
  verdict: Verdict;
  message: string;
}

export interface GateChange {
  id: string;
  before: boolean | null;
  after: boolean | null;
  before_value: number | null;
  after_value: number | null;
  threshold: number | null;
  verdict: Verdict;
}

export interface EndpointComparison {
  name: string;
  method: string;
  path: string;
  figures: FigureComparison[];
}

/** A flow of both runs: its whole iterations' figures (its steps are compared as endpoints). */
export interface FlowComparison {
  name: string;
  steps: string[];
  figures: FigureComparison[];
}

export interface TimelinePoint {
  t: number;
  p50: number;
  p95: number;
  p99: number;
  rps: number;
  /** Successful responses in that second. */
  successes: number;
  errors: number;
  requests: number;
}

export interface Comparison {
  version: 1;
  before: RunIdentity;
  after: RunIdentity;
  /**
   * "full": both runs hit the same endpoints; "shared-endpoints": traffic figures cover only the endpoints
   * both runs hit.
   */
  scope: 'full' | 'shared-endpoints';
  figures: FigureComparison[];
  /** (queries per request before − after) × 1,000: positive when the change saved queries. */
  queries_avoided_per_1000_requests: number | null;
  endpoints: EndpointComparison[];
  /** Flows both runs have (absent when neither has a flow). */
  flows?: FlowComparison[];
  /** Only the rules whose status changed. */
  rules: RuleChange[];
  gates: GateChange[];
  /** What could not be compared, and why. */
  not_comparable: string[];
  /** Ids of gate figures that regressed and of gates that passed before and fail after ("gate:<id>"). */
  gate_regressions: string[];
  /** Ids of the gate figures that could be compared (any verdict but not-comparable). */
  gates_compared: string[];
  /** Ids of the gate figures whose intervals were too wide to tell a change of the minimum effect. */
  gates_inconclusive: string[];
  /** Confidence of every interval (e.g. 0.99). */
  confidence: number;
  /** Endpoints paired by `--map before=after` (before name → after name). */
  endpoint_map: Record<string, string>;
  counts: Record<Verdict, number>;
  timelines: { before: TimelinePoint[]; after: TimelinePoint[] };
}
