import type { QueueEvidence } from '../../result/evidence.js';
import { type DepthPoint, depthValues, queueEvidence, type QueueFlow } from './queue-evidence.js';

/** The baseline and sampled depths of one queue source, and whether the latest shows it drained. */
export class DepthSeries {
  private baseline: DepthPoint | undefined;
  private readonly samples: DepthPoint[] = [];

  setBaseline(point: DepthPoint): void {
    this.baseline = { ...point, t: 0 };
    this.samples.length = 0;
  }

  /** Records a sample and returns its series values. Without a baseline the first sample becomes it. */
  add(point: DepthPoint): Record<string, number> {
    if (!this.baseline) this.baseline = point;
    else this.samples.push(point);
    return depthValues(point);
  }

  /** Depth back to (or below) where it was when the load started, at the latest sample. */
  drained(): boolean {
    const latest = this.samples.at(-1);
    return this.baseline !== undefined && latest !== undefined && latest.total <= this.baseline.total;
  }

  evidence(names: readonly string[], loadEndT: number, flow?: QueueFlow): QueueEvidence {
    return queueEvidence(names, this.baseline, this.samples, loadEndT, flow);
  }
}
