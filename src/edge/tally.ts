/** Bounded counting for the hot path: a Map of counts that folds new keys into "(other)" once full. */
export const OTHER = '(other)';

export class Tally {
  private readonly counts = new Map<string, number>();

  constructor(private readonly maxKeys = 256) {}

  add(key: string, n = 1): void {
    const prev = this.counts.get(key);
    if (prev !== undefined) this.counts.set(key, prev + n);
    else if (this.counts.size < this.maxKeys) this.counts.set(key, n);
    else this.counts.set(OTHER, (this.counts.get(OTHER) ?? 0) + n);
  }

  addRecord(record: Readonly<Record<string, number>> | undefined): void {
    if (!record) return;
    for (const key of Object.keys(record)) this.add(key, record[key]!);
  }

  toRecord(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  /** The most frequent key (ties: the smallest, so results do not depend on arrival order). */
  top(): string | undefined {
    let best: string | undefined;
    let bestCount = -1;
    for (const [key, count] of this.counts) {
      if (key === OTHER) continue;
      if (count > bestCount || (count === bestCount && best !== undefined && key < best)) {
        best = key;
        bestCount = count;
      }
    }
    return best;
  }
}

/**
 * Remembers what a parser made of a raw header value. Once full it stops remembering (but keeps answering), or with
 * `renew` forgets its oldest entry instead: for values that recur for a while and then never again (a Set-Cookie
 * whose Expires date moves on every second).
 */
export class Memo<V> {
  private readonly seen = new Map<string, V>();

  constructor(
    private readonly compute: (raw: string) => V,
    private readonly maxEntries = 1024,
    private readonly renew = false,
  ) {}

  /** Values remembered now: never more than maxEntries. */
  get size(): number {
    return this.seen.size;
  }

  get(raw: string): V {
    let v = this.seen.get(raw);
    if (v === undefined) {
      v = this.compute(raw);
      if (this.seen.size >= this.maxEntries && this.renew) this.seen.delete(this.seen.keys().next().value!);
      if (this.seen.size < this.maxEntries) this.seen.set(raw, v);
    }
    return v;
  }
}
