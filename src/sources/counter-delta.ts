/**
 * The increase of a cumulative counter between two reads. A counter that went down, or a server that
 * restarted in between, counts from zero again: the increase is then the new value.
 */
export function counterDelta(previous: number, current: number, restarted = false): number {
  return restarted || current < previous ? current : current - previous;
}
