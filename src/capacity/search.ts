/**
 * The capacity search as a pure state machine: given the steps run so far, the next rate to hold or the
 * answer. Open-model steps grow ×2 from the start rate until one fails, then bisect the bracket between the
 * highest passing and the lowest failing rate until it is within the precision, then hold the answer once
 * more (the confirmation). Replaying the history makes every decision a function of what was measured.
 */

export type StepVerdict = 'pass' | 'fail' | 'inconclusive';

export interface SearchStep {
  rate: number;
  verdict: StepVerdict;
  /** The confirmation hold at the answer (longer than a step). */
  confirmation?: boolean;
}

export interface SearchOptions {
  start: number;
  /** The highest rate the search may ask for: min(--max, limits.max_rate). */
  ceiling: number;
  /** What set the ceiling: a generator cap (limits.max_rate) makes "passed up to it" inconclusive. */
  ceilingBy: 'max' | 'limits.max_rate';
  /** Relative width of the final bracket: (hi − lo) ≤ precision × lo. */
  precision: number;
  /** False: no confirmation hold (--confirm 0), the answer stays unconfirmed. */
  confirm: boolean;
  /** Safety: the search stops after this many steps. */
  maxSteps?: number;
}

export type SearchStatus = 'found' | 'ceiling' | 'inconclusive' | 'none';

export interface SearchAnswer {
  status: SearchStatus;
  /** The highest rate that passed (and was confirmed, when confirmation ran); null without a capacity. */
  max_rate: number | null;
  /** [highest passing, lowest failing]; either end null when not found. */
  bracket: [number | null, number | null];
  confirmed: boolean;
  /** Why the search ended, in words. */
  reason: string;
}

export type SearchAction =
  | { kind: 'step'; rate: number; confirmation: boolean }
  | { kind: 'done'; answer: SearchAnswer };

const DEFAULT_MAX_STEPS = 40;
/** Below this rate a failing search gives up: the target fails even at a trickle. */
const FLOOR_RATE = 1;

export function roundRate(rate: number): number {
  return rate >= 10 ? Math.round(rate) : Math.round(rate * 10) / 10;
}

export function nextAction(options: SearchOptions, steps: readonly SearchStep[]): SearchAction {
  const last = steps.at(-1);
  if (!last) return step(Math.min(roundRate(options.start), options.ceiling));
  if (last.verdict === 'inconclusive') return afterInconclusive(steps, last);
  const { lo, hi } = bracketOf(steps);
  if (steps.length >= (options.maxSteps ?? DEFAULT_MAX_STEPS))
    return done(lo === undefined ? 'none' : 'found', lo, hi, false, `stopped after ${steps.length} steps`);
  if (hi === undefined) return grow(options, steps, lo!);
  if (lo === undefined) return descend(hi);
  return converge(options, steps, lo, hi);
}

/** Highest passing rate below the lowest failing one, and that failing rate. */
export function bracketOf(steps: readonly SearchStep[]): { lo?: number; hi?: number } {
  const fails = steps.filter((s) => s.verdict === 'fail').map((s) => s.rate);
  const hi = fails.length ? Math.min(...fails) : undefined;
  const passes = steps.filter((s) => s.verdict === 'pass' && (hi === undefined || s.rate < hi)).map((s) => s.rate);
  return { ...(passes.length ? { lo: Math.max(...passes) } : {}), ...(hi !== undefined ? { hi } : {}) };
}

/** A noisy neighbour can stall the generator once: retry the rate, stop on the second. */
function afterInconclusive(steps: readonly SearchStep[], last: SearchStep): SearchAction {
  const previous = steps.at(-2);
  if (!previous || previous.rate !== last.rate || previous.verdict !== 'inconclusive')
    return { kind: 'step', rate: last.rate, confirmation: last.confirmation === true };
  const { lo } = bracketOf(steps);
  return done(
    'inconclusive',
    null,
    undefined,
    false,
    `the load generator could not drive ${last.rate} req/s: it is the limit, not the target ` +
      `(add --workers or shards)${lo !== undefined ? `; ${lo} req/s passed` : ''}`,
    lo,
  );
}

function grow(options: SearchOptions, steps: readonly SearchStep[], lo: number): SearchAction {
  if (lo < options.ceiling) return step(Math.min(roundRate(lo * 2), options.ceiling));
  if (options.ceilingBy === 'limits.max_rate')
    return done(
      'inconclusive',
      null,
      undefined,
      false,
      `every step passed up to limits.max_rate ${options.ceiling} req/s: the generator is capped below the ` +
        `target's capacity`,
      lo,
    );
  return confirmOrDone(options, steps, lo, () =>
    done('ceiling', lo, undefined, confirmedAt(steps, lo), `every step passed up to --max ${lo} req/s`),
  );
}

function descend(hi: number): SearchAction {
  const next = roundRate(hi / 2);
  if (next < FLOOR_RATE || next >= hi) return done('none', null, hi, false, `even ${hi} req/s fails`);
  return step(next);
}

function converge(options: SearchOptions, steps: readonly SearchStep[], lo: number, hi: number): SearchAction {
  const mid = roundRate((lo + hi) / 2);
  if (hi - lo > options.precision * lo && mid > lo && mid < hi) return step(mid);
  return confirmOrDone(options, steps, lo, () =>
    done('found', lo, hi, confirmedAt(steps, lo), `bracket ${lo}–${hi} req/s is within the precision`),
  );
}

/** The answer at `lo` once a confirmation hold there passed (or confirmation is off); else that hold. */
function confirmOrDone(
  options: SearchOptions,
  steps: readonly SearchStep[],
  lo: number,
  answer: () => SearchAction,
): SearchAction {
  if (!options.confirm || confirmedAt(steps, lo)) return answer();
  return { kind: 'step', rate: lo, confirmation: true };
}

const confirmedAt = (steps: readonly SearchStep[], rate: number): boolean =>
  steps.some((s) => s.confirmation && s.rate === rate && s.verdict === 'pass');

const step = (rate: number): SearchAction => ({ kind: 'step', rate, confirmation: false });

function done(
  status: SearchStatus,
  maxRate: number | null | undefined,
  hi: number | undefined,
  confirmed: boolean,
  reason: string,
  lo: number | null | undefined = maxRate,
): SearchAction {
  return {
    kind: 'done',
    answer: { status, max_rate: maxRate ?? null, bracket: [lo ?? null, hi ?? null], confirmed, reason },
  };
}
