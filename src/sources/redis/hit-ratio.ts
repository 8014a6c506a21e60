/** hits ÷ (hits + misses); undefined when there were no lookups, which is "not measured", not 0 or 1. */
export function hitRatio(hits: number, misses: number): number | undefined {
  const lookups = hits + misses;
  return lookups > 0 ? hits / lookups : undefined;
}
