/** A seeded, reproducible weighted choice of endpoints. Pure. */

/** mulberry32: a small, fast PRNG good enough for traffic mixes; the same seed gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Returns a picker of endpoint indexes in proportion to their weights. */
export function weightedPicker(weights: readonly number[], seed: number): () => number {
  if (weights.length === 1) return () => 0;
  const total = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of weights) cumulative.push((acc += w / total));
  const random = seededRandom(seed);
  const last = weights.length - 1;
  return () => {
    const r = random();
    for (let i = 0; i < last; i++) if (r < cumulative[i]!) return i;
    return last;
  };
}
