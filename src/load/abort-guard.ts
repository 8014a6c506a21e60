/**
 * `abort_on: {error_rate, for}` — stops the load once the error rate has stayed above the limit for that
 * long, so a run against a target that is clearly down does not keep hammering it. Pure: fed one second at a time.
 */
import type { TimelineRow } from '../result/run-result.js';

export interface AbortRule {
  error_rate: number;
  /** ms */
  for: number;
}

export class AbortGuard {
  private badSeconds = 0;

  constructor(private readonly rule: AbortRule) {}

  /** Returns the reason to abort, or undefined to carry on. */
  observe(row: TimelineRow): string | undefined {
    const rate = row.requests > 0 ? row.errors / row.requests : 0;
    const bad = row.requests > 0 && rate > this.rule.error_rate;
    this.badSeconds = bad ? this.badSeconds + 1 : 0;
    if (this.badSeconds * 1000 >= this.rule.for) {
      return (
        `aborted: error rate above ${(this.rule.error_rate * 100).toFixed(1)}% for ${this.badSeconds} s ` +
        `(last second ${(rate * 100).toFixed(1)}%)`
      );
    }
    return undefined;
  }
}
