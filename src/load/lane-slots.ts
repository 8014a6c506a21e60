/**
 * Lanes for sessions that come and go (open-model flow iterations, and scripted sessions later): a session that
 * comes due takes a free lane — its own connection through the Transport — and gives it back when it ends. The
 * most recently freed lane is taken first, so its connection is still warm; new lanes are numbered up to a bound.
 */
export class LaneSlots {
  private readonly free: number[] = [];
  private opened = 0;
  private taken = 0;

  constructor(private readonly bound: number) {}

  /** Lanes held by running sessions. */
  get inUse(): number {
    return this.taken;
  }

  /** A lane for a session that is due now, or undefined when `bound` sessions hold one. */
  acquire(): number | undefined {
    const lane = this.free.pop() ?? (this.opened < this.bound ? this.opened++ : undefined);
    if (lane !== undefined) this.taken += 1;
    return lane;
  }

  release(lane: number): void {
    this.taken -= 1;
    this.free.push(lane);
  }
}
