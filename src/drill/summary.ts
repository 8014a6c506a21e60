/** The runbook-style line of each fault: what was done, how the service degraded, when it recovered. */
import type { DrillFaultResult, DrillSourceRecovery } from '../result/run-result.js';
import type { Baseline } from './baseline.js';
import { describeClasses } from './error-classes.js';
import { millis, outcome, percent, seconds } from './format.js';

export function faultLine(f: DrillFaultResult, baseline: Baseline, measured: boolean): string {
  const parts = [`at ${seconds(f.at_s)}: ${f.name} (${outcome(f)})`];
  if (!measured) return `${parts[0]}; after the load ended, not measured`;
  const d = f.degradation;
  parts.push(
    d.error_rate > 0
      ? `error rate peaked at ${percent(d.error_rate)} for ${seconds(d.seconds)}, ${describeClasses(d.by_class)}`
      : 'no errors',
  );
  parts.push(
    `p95 peaked at ${millis(d.p95_ms)}${baseline.seconds > 0 ? ` (baseline ${millis(baseline.p95_ms)})` : ''}`,
  );
  if (f.recover_at_s !== undefined) parts.push(`recovery command at ${seconds(f.recover_at_s)}`);
  parts.push(recoveryPhrase(f.recovery_s, 'recovered', 'not recovered before the load ended'));
  for (const s of f.sources ?? []) parts.push(sourcePhrase(s));
  return parts.join('; ');
}

function recoveryPhrase(recoveryS: number | null, done: string, never: string): string {
  if (recoveryS === null) return never;
  return recoveryS === 0 ? 'no degradation' : `${done} in ${seconds(recoveryS)}`;
}

function sourcePhrase(s: DrillSourceRecovery): string {
  if (s.kind === 'replica_lag') {
    const budget = seconds(s.threshold);
    if (s.recovery_s === 0) return `${s.key} stayed under ${budget}`;
    return (
      `${s.key} peaked at ${seconds(s.peak)}, ` +
      (s.recovery_s === null ? `still over ${budget} at the end` : `back under ${budget} in ${seconds(s.recovery_s)}`)
    );
  }
  const normal = Number(s.threshold.toFixed(0));
  if (s.recovery_s === 0) return `${s.key} stayed at ≤ ${normal}`;
  const recovery =
    s.recovery_s === null ? `not back to ${normal} at the end` : `back to ≤ ${normal} in ${seconds(s.recovery_s)}`;
  return `${s.key} peaked at ${s.peak}, ${recovery}`;
}
