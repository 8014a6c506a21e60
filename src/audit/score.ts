/**
 * Lighthouse-like scoring: pass 1, warn 0.5, fail 0, not-measured left out. A category scores the weighted mean
 * of its measured rules, the overall score the weighted mean of the measured categories, 0–100; null when
 * nothing was measured.
 */
import type { Check } from '../../checks/check.js';
import { CATEGORIES, CHECKS } from '../../checks/index.js';
import type { Finding, FindingStatus, Score } from '../result/run-result.js';

export const STATUS_POINTS: Record<Exclude<FindingStatus, 'not-measured'>, number> = { pass: 1, warn: 0.5, fail: 0 };

export function scoreFindings(findings: readonly Finding[], checks: readonly Check[] = CHECKS): Score {
  const ruleWeight = (id: string): number => checks.find((c) => c.id === id)?.weight ?? 1;
  const categoryIds = [...CATEGORIES.map((c) => c.id as string), ...findings.map((f) => f.category)].filter(
    (id, i, all) => all.indexOf(id) === i,
  );
  const means: Record<string, number | null> = {};
  for (const id of categoryIds) {
    means[id] = weightedMean(
      findings
        .filter((f) => f.category === id && f.status !== 'not-measured')
        .map((f) => ({ weight: ruleWeight(f.id), value: STATUS_POINTS[f.status as keyof typeof STATUS_POINTS] })),
    );
  }
  const overall = weightedMean(
    Object.entries(means)
      .filter((entry): entry is [string, number] => entry[1] !== null)
      .map(([id, value]) => ({ weight: CATEGORIES.find((c) => c.id === id)?.weight ?? 1, value })),
  );
  return {
    overall: toScore(overall),
    categories: Object.fromEntries(Object.entries(means).map(([id, m]) => [id, toScore(m)])),
  };
}

function weightedMean(items: { weight: number; value: number }[]): number | null {
  const total = items.reduce((a, x) => a + x.weight, 0);
  return total > 0 ? items.reduce((a, x) => a + x.weight * x.value, 0) / total : null;
}

const toScore = (mean: number | null): number | null => (mean === null ? null : Math.round(mean * 1000) / 10);
