/**
 * The Check contract: a pure rule over AuditEvidence. A rule whose evidence is missing says `not-measured`,
 * never pass. Thresholds live in the rule's file (`defaults`) and config may override them.
 */
import type { EdgeEndpointStat } from '../src/result/evidence.js';
import type { Finding } from '../src/result/run-result.js';
import type { AuditEvidence, JudgedFigures } from './audit-evidence.js';
import { formatMs, formatPercent } from '../src/util/format.js';
import type { CategoryId } from './categories.js';

/** Numbers only (ms, seconds, ratios 0–1, counts); an optional key is a limit that is off unless configured. */
export type Thresholds = Record<string, number | undefined>;

/**
 * Where a threshold can also be set in the config, besides `checks.<id>.<key>`: a dotted path into the
 * validated Config (durations there are ms, ratios 0–1) and a factor to the rule's unit (ms → s is 0.001).
 */
export interface ConfigWord {
  path: string;
  scale?: number;
}

/** What a rule decides; the contract fields (id, category, title) are added by defineCheck. */
export type Judgement = Omit<Finding, 'id' | 'category' | 'title'>;

/** Per-endpoint overrides of the same thresholds (only the SLO rules use them). */
export type EndpointThresholds<T extends Thresholds> = Record<string, Partial<T>>;

export interface Check<T extends Thresholds = Thresholds> {
  readonly id: string;
  readonly category: CategoryId;
  readonly title: string;
  /** Weight of the rule inside its category. */
  readonly weight: number;
  readonly defaults: Readonly<T>;
  readonly config?: { readonly [K in keyof T]?: ConfigWord };
  /** Pure: no I/O, no clock. */
  evaluate(evidence: AuditEvidence, thresholds: T, endpoints?: EndpointThresholds<T>): Finding;
}

export interface CheckSpec<T extends Thresholds> extends Omit<Check<T>, 'evaluate'> {
  judge(evidence: AuditEvidence, thresholds: T, endpoints: EndpointThresholds<T>): Judgement;
}

export function defineCheck<T extends Thresholds>(spec: CheckSpec<T>): Check<T> {
  const { judge, ...meta } = spec;
  return {
    ...meta,
    evaluate(evidence, thresholds, endpoints = {}) {
      return { id: meta.id, category: meta.category, title: meta.title, ...judge(evidence, thresholds, endpoints) };
    },
  };
}

/** The honest answer when the evidence was not collected: says which source would provide it. */
export function notMeasured(message: string, remedy: string, threshold: number | string | null = null): Judgement {
  return { status: 'not-measured', value: null, threshold, message, remedy };
}

/** "370 ms", "12.5 ms", "1.25 s": the same style as the reports. */
export const ms = formatMs;
export const pct = (ratio: number): string => formatPercent(ratio, ratio > 0 && ratio < 0.001 ? 2 : 1);
export const num = (value: number, digits = 1): string => String(Number(value.toFixed(digits)));

/** "whole run" or "last 60 s": what the SLO rules judged. */
export function scopeLabel(judged: JudgedFigures): string {
  return judged.scope === 'window' ? `last ${judged.seconds} s` : 'whole run';
}

/** Up to `max` items, then "and N more". */
export function listOf(items: readonly string[], max = 3): string {
  const shown = items.slice(0, max).join(', ');
  return items.length > max ? `${shown} and ${items.length - max} more` : shown;
}

/** A SQL statement shortened for a one-line message. */
export function shortSql(sql: string, max = 80): string {
  const flat = sql.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** The table a statement reads, for remedies ("prefetch author"). */
export function tableOf(sql: string): string | undefined {
  return /\bFROM\s+"?([\w.]+)"?/i.exec(sql)?.[1]?.split('.').pop();
}

export interface EdgeTarget {
  name: string;
  method: string;
  path: string;
  stat: EdgeEndpointStat;
  /** Mean response size over the run (bytes), when the run recorded it. */
  mean_bytes?: number;
}

/** The endpoints whose response headers were recorded, with method and path from the plan. */
export function edgeTargets(e: AuditEvidence): EdgeTarget[] {
  return Object.entries(e.edge?.per_endpoint ?? {})
    .filter(([, stat]) => stat.responses > 0)
    .map(([name, stat]) => {
      const ep = e.run.endpoints[name];
      const mean = ep && ep.summary.requests > 0 ? ep.summary.bytes_received / ep.summary.requests : undefined;
      return {
        name,
        method: ep?.method ?? 'GET',
        path: ep?.path ?? name,
        stat,
        ...(mean !== undefined ? { mean_bytes: mean } : {}),
      };
    });
}

export interface ProbeVerdicts {
  /** URLs the probe judged for this rule. */
  judged: number;
  fails: string[];
  warns: string[];
  passes: string[];
}

/** What `probe` itself concluded for this rule on each probed URL ("path: message"), so run and probe agree. */
export function probeVerdicts(e: AuditEvidence, id: string): ProbeVerdicts {
  const out: ProbeVerdicts = { judged: 0, fails: [], warns: [], passes: [] };
  for (const p of e.probes) {
    for (const f of p.findings.filter((x) => x.id === id)) {
      out.judged += 1;
      const line = `${pathOf(p.url)}: ${f.message}`;
      (f.status === 'fail' ? out.fails : f.status === 'warn' ? out.warns : out.passes).push(line);
    }
  }
  return out;
}

export function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}
