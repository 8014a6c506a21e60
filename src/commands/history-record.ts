/** Recording a command's result in the history store: where (flag, config, default) and the line saying so. */
import { DEFAULT_HISTORY_FILE, openHistory } from '../history/store.js';
import { recordRun } from '../history/record.js';
import type { RecordKind } from '../history/record.js';
import type { RunResult } from '../result/run-result.js';

/** The store file, or null when recording is off (`--no-history` or `history: false`). */
export function historyFile(flag: string | false | undefined, config?: string | false): string | null {
  const chosen = flag ?? config;
  if (chosen === false) return null;
  return chosen ?? DEFAULT_HISTORY_FILE;
}

/** Opens the store once before the work, so a corrupt or newer store stops the command before any load. */
export function checkHistory(file: string | null): void {
  if (file !== null) openHistory(file, { create: true }).close();
}

export function recordResult(
  result: RunResult,
  file: string | null,
  kind: RecordKind,
  options: { label?: string; quiet: boolean },
): void {
  // A shard is part of a run: only the merged result is recorded.
  if (file === null || result.plan.shard !== undefined) return;
  const recorded = recordRun(result, { file, kind, ...(options.label !== undefined ? { label: options.label } : {}) });
  if (!options.quiet) process.stderr.write(`recorded as run #${recorded.id} in ${recorded.file}\n`);
}
