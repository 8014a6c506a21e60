/**
 * The recovery rule on any series of healthy/unhealthy points: after the fault, the first point that
 * begins a run of `consecutive` healthy points, once the series has been unhealthy at least once.
 */
export interface RecoveryPoint {
  /** First unhealthy point at or after the fault; null when the fault changed nothing. */
  firstBad: number | null;
  /** First point of the healthy run that counts as recovered; null when the series ends first. */
  recovered: number | null;
}

export function findRecovery(healthy: readonly boolean[], from: number, consecutive: number): RecoveryPoint {
  let firstBad: number | null = null;
  for (let i = from; i < healthy.length; i++) {
    if (!healthy[i]) {
      firstBad = i;
      break;
    }
  }
  if (firstBad === null) return { firstBad: null, recovered: from < healthy.length ? from : null };
  let run = 0;
  for (let i = firstBad + 1; i < healthy.length; i++) {
    run = healthy[i] ? run + 1 : 0;
    if (run === consecutive) return { firstBad, recovered: i - consecutive + 1 };
  }
  return { firstBad, recovered: null };
}
