/**
 * The capacity gate (`--min-rate N`, `capacity.min_rate`): passes when the search established — and confirmed,
 * unless confirmation was turned off — a capacity of at least N req/s. Pure.
 */
import type { CapacityResult, Gate } from '../result/run-result.js';

export const CAPACITY_GATE = 'capacity.min_rate';

export function capacityGate(capacity: CapacityResult, minRate: number): Gate {
  const base = { id: CAPACITY_GATE, threshold: minRate };
  const rate = capacity.max_rate;
  if (rate === null)
    return {
      ...base,
      passed: false,
      value: null,
      message: `no capacity established (${capacity.status}): ${capacity.reason}`,
    };
  const unconfirmed = !capacity.confirmed && capacity.search.confirm_s > 0;
  const passed = rate >= minRate && !unconfirmed;
  const op = rate >= minRate ? '≥' : '<';
  const note = unconfirmed ? ', but the confirmation hold did not pass' : capacity.confirmed ? ' (confirmed)' : '';
  const atLeast = capacity.status === 'ceiling' ? 'at least ' : '';
  return { ...base, passed, value: rate, message: `capacity ${atLeast}${rate} req/s ${op} ${minRate} req/s${note}` };
}

/** The gates of a capacity result: the capacity gate when the search was given a minimum. */
export function capacityGates(capacity: CapacityResult): Gate[] {
  return capacity.min_rate !== undefined ? [capacityGate(capacity, capacity.min_rate)] : [];
}
