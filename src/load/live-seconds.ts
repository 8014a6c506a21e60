/**
 * Merges the seconds that worker threads report as they close into one stream of rows for EngineHooks.onSecond.
 * A second is emitted once every still-running worker has reported that second or a later one (a worker that
 * finished waits for nobody), so rows come out in order and each holds every worker's share that was reported.
 */
import { mergeRows } from '../merge/merge-timeline.js';
import type { TimelineRow } from '../result/run-result.js';

export class LiveSeconds {
  private readonly pending = new Map<number, TimelineRow[]>();
  private readonly reached: number[];
  private last: TimelineRow | undefined;

  constructor(
    workers: number,
    private readonly emit: (row: TimelineRow) => void = () => undefined,
  ) {
    this.reached = Array.from({ length: workers }, () => -1);
  }

  /** The latest merged second, for progress. */
  get lastRow(): TimelineRow | undefined {
    return this.last;
  }

  add(worker: number, row: TimelineRow): void {
    const rows = this.pending.get(row.t);
    if (rows) rows.push(row);
    else this.pending.set(row.t, [row]);
    this.reached[worker] = Math.max(this.reached[worker]!, row.t);
    this.flush();
  }

  /** The worker has finished: later seconds no longer wait for it. */
  finish(worker: number): void {
    this.reached[worker] = Infinity;
    this.flush();
  }

  private flush(): void {
    const upTo = Math.min(...this.reached);
    for (const t of [...this.pending.keys()].sort((a, b) => a - b)) {
      if (t > upTo) break;
      const row = mergeRows(t, this.pending.get(t)!);
      this.pending.delete(t);
      this.last = row;
      this.emit(row);
    }
  }
}
