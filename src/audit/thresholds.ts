/**
 * A rule's thresholds: the defaults in its file, then the config words it names (slo.p95, budgets.replica_lag, …),
 * then `checks.<id>.<key>`, the most specific. Per-endpoint SLO overrides (`slo.endpoints.<name>.p95`) apply
 * to the rules whose config word is an `slo.` word.
 */
import type { Check, EndpointThresholds, Thresholds } from '../../checks/check.js';
import { CHECKS } from '../../checks/index.js';
import { ConfigError } from '../errors.js';
import { parseRatio } from '../config/units.js';
import type { AuditConfig } from './audit-config.js';

export function resolveThresholds<T extends Thresholds>(check: Check<T>, config: AuditConfig): T {
  const out: Thresholds = { ...check.defaults };
  for (const [key, word] of Object.entries(check.config ?? {})) {
    if (!word) continue;
    const value = readNumber(config, word.path);
    if (value !== undefined) out[key] = value * (word.scale ?? 1);
  }
  for (const [key, raw] of Object.entries(config.checks[check.id] ?? {})) {
    const value = overrideValue(raw);
    if (value !== undefined && key in out) out[key] = value;
    else if (value !== undefined && check.config && key in check.config) out[key] = value;
  }
  return out as T;
}

export function resolveEndpointThresholds<T extends Thresholds>(
  check: Check<T>,
  config: AuditConfig,
): EndpointThresholds<T> {
  const out: Record<string, Thresholds> = {};
  for (const [key, word] of Object.entries(check.config ?? {})) {
    const m = word ? /^slo\.(\w+)$/.exec(word.path) : null;
    if (!m) continue;
    for (const [endpoint, slo] of Object.entries(config.slo.endpoints ?? {})) {
      const value = (slo as Record<string, unknown>)[m[1]!];
      if (typeof value === 'number') (out[endpoint] ??= {})[key] = value * (word!.scale ?? 1);
    }
  }
  return out as EndpointThresholds<T>;
}

/**
 * `checks:` entries that name no rule or no threshold, or are not numbers: a misspelt override must not pass
 * silently. Call before the run (exit 2); the audit itself ignores them.
 */
export function checkOverrideProblems(
  config: Pick<AuditConfig, 'checks'>,
  checks: readonly Check[] = CHECKS,
): string[] {
  const problems: string[] = [];
  for (const [id, overrides] of Object.entries(config.checks)) {
    const check = checks.find((c) => c.id === id);
    if (!check) {
      problems.push(`checks.${id}: unknown rule (see docs/checks.md)`);
      continue;
    }
    const known = [...new Set([...Object.keys(check.defaults), ...Object.keys(check.config ?? {})])];
    for (const [key, raw] of Object.entries(overrides)) {
      if (!known.includes(key))
        problems.push(
          `checks.${id}.${key}: unknown threshold` +
            (known.length ? ` (known: ${known.join(', ')})` : ' (this rule has none)'),
        );
      else if (overrideValue(raw) === undefined)
        problems.push(`checks.${id}.${key}: expected a number or a percentage, got ${JSON.stringify(raw)}`);
    }
  }
  return problems;
}

export function validateCheckOverrides(config: Pick<AuditConfig, 'checks'>): void {
  const problems = checkOverrideProblems(config);
  if (problems.length) throw new ConfigError(problems.join('\n'));
}

function overrideValue(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : undefined;
  if (typeof raw === 'string' && raw.trim().endsWith('%')) return parseRatio(raw);
  if (typeof raw === 'string' && /^\d+(\.\d+)?$/.test(raw.trim())) return Number(raw);
  return undefined;
}

function readNumber(root: unknown, path: string): number | undefined {
  let cur: unknown = root;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return typeof cur === 'number' && Number.isFinite(cur) ? cur : undefined;
}
