/**
 * How old the oldest change a replica has not replayed is, from the primary's own WAL position over time.
 * Each sample notes when the primary's WAL reached which LSN; a replica that has replayed up to R is missing
 * the first change written after R, which was written after the last sample at or below R and no later than
 * the first sample above it. The age is taken from that first sample above R: it may be short by up to one
 * sampling interval, never long. (clock − pg_last_xact_replay_timestamp() would count the idle time before
 * the first unreplayed change as lag.)
 */
export interface WalAge {
  /** Seconds since the oldest unreplayed change was written (0 when the replica has replayed everything). */
  seconds: number;
  /** The change predates the first sample: the true age is at least `seconds`. */
  at_least: boolean;
}

export class WalClock {
  private readonly marks: { t: number; lsn: number }[] = [];

  /** The primary's WAL position (bytes) at sample time `t` (ms). */
  mark(t: number, lsn: number): void {
    const last = this.marks.at(-1);
    if (last && lsn <= last.lsn) return; // only the first sample at each new position matters
    this.marks.push({ t, lsn });
  }

  /** The age at time `now` (ms) of the oldest change past `replayed` (bytes); undefined before any mark. */
  age(replayed: number, now: number): WalAge | undefined {
    const first = this.marks[0];
    if (!first) return undefined;
    if (replayed >= this.marks.at(-1)!.lsn) return { seconds: 0, at_least: false };
    if (replayed < first.lsn) return { seconds: Math.max(0, now - first.t) / 1000, at_least: true };
    const next = this.marks.find((m) => m.lsn > replayed)!;
    return { seconds: Math.max(0, now - next.t) / 1000, at_least: false };
  }

  reset(): void {
    this.marks.length = 0;
  }
}
