/**
 * What the SLO rules say when one of the generator's own settings (load.max_in_flight) set the pace: the
 * figures then describe the generator as much as the target, so the rules name it instead of blaming the target.
 */
import type { AuditEvidence } from './audit-evidence.js';

/** "the generator was the limit, not the target: …", or undefined when no setting of the generator limited it. */
export function generatorLimit(e: AuditEvidence): string | undefined {
  const g = e.run.generator;
  if (!g.lagged || g.limited_by === undefined) return undefined;
  return `the generator was the limit, not the target: ${g.reason ?? `load.${g.limited_by} was reached`}`;
}

export const GENERATOR_LIMIT_REMEDY =
  'raise load.max_in_flight (or leave it unset: its default follows rate × timeout)';
