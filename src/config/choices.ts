/** The lists of choices that flags, the config schema and stored results share: one definition each. */

export const REPORT_FORMATS = ['terminal', 'json', 'md', 'junit', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** What makes exit code 1: a failed gate; also a failed rule; also a warning. */
export const FAIL_ON_LEVELS = ['gate', 'fail', 'warn'] as const;
export type FailOn = (typeof FAIL_ON_LEVELS)[number];

/** The `fail_on` a stored result's config asked for; `gate` when it says nothing valid. */
export function storedFailOn(config: { fail_on?: unknown }): FailOn {
  const value = config.fail_on;
  return FAIL_ON_LEVELS.find((level) => level === value) ?? 'gate';
}
