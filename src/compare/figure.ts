/** One judged figure of a comparison, from its two values and the judgement. */
import type { Judgement } from './judge.js';
import type { FigureComparison } from './types.js';

type FigureHead = Pick<FigureComparison, 'id' | 'label' | 'group' | 'unit' | 'better' | 'gate'>;

export function figureOf(
  head: FigureHead,
  before: number | undefined,
  after: number | undefined,
  judgement: Judgement,
): FigureComparison {
  const b = before ?? null;
  const a = after ?? null;
  const delta = b !== null && a !== null ? a - b : null;
  const relative = delta !== null && b !== null && b !== 0 ? delta / Math.abs(b) : null;
  const figure: FigureComparison = {
    id: head.id,
    label: head.label,
    group: head.group,
    unit: head.unit,
    better: head.better,
    gate: head.gate,
    before: b,
    after: a,
    delta,
    relative,
    verdict: judgement.verdict,
    method: judgement.method,
    reason: judgement.reason,
  };
  if (judgement.interval !== undefined) figure.interval = judgement.interval;
  if (judgement.verdict === 'inconclusive' && judgement.inconclusive) figure.inconclusive = judgement.inconclusive;
  return figure;
}
