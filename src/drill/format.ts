/** Number formats of the drill's text: seconds, milliseconds and percentages as a runbook reads them. */
export const seconds = (s: number): string => `${Number(s.toFixed(s < 10 ? 1 : 0))} s`;
export { formatMs as millis, formatPercent as percent } from '../util/format.js';

export function outcome(a: { exit_code: number | null; timed_out: boolean }): string {
  if (a.timed_out) return 'timed out, killed';
  if (a.exit_code === 0) return 'exit 0';
  return a.exit_code === null ? 'FAILED: killed by a signal' : `FAILED: exit ${a.exit_code}`;
}
