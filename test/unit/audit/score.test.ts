import { describe, expect, it } from 'vitest';
import { CATEGORIES, CHECKS } from '../../../checks/index.js';
import { scoreFindings } from '../../../src/audit/score.js';
import type { Finding, FindingStatus } from '../../../src/result/run-result.js';

const weight = (id: string): number => CHECKS.find((c) => c.id === id)!.weight;
const categoryWeight = (id: string): number => CATEGORIES.find((c) => c.id === id)!.weight;
const finding = (id: string, status: FindingStatus): Finding => {
  const check = CHECKS.find((c) => c.id === id)!;
  return {
    id,
    category: check.category,
    title: check.title,
    status,
    value: null,
    threshold: null,
    message: 'm',
    remedy: 'r',
  };
};

describe('scoreFindings', () => {
  it('weights rules inside a category and categories overall (pass 1, warn 0.5, fail 0)', () => {
    const findings = [
      finding('cache.hit-ratio', 'pass'),
      finding('cache.evictions', 'warn'),
      finding('db.queries-per-request', 'fail'),
      finding('db.buffer-hit', 'pass'),
    ];
    const caching =
      (weight('cache.hit-ratio') * 1 + weight('cache.evictions') * 0.5) /
      (weight('cache.hit-ratio') + weight('cache.evictions'));
    const database =
      (weight('db.queries-per-request') * 0 + weight('db.buffer-hit') * 1) /
      (weight('db.queries-per-request') + weight('db.buffer-hit'));
    const overall =
      (categoryWeight('caching') * caching + categoryWeight('database') * database) /
      (categoryWeight('caching') + categoryWeight('database'));
    const score = scoreFindings(findings);
    expect(score.categories.caching).toBeCloseTo(caching * 100, 1);
    expect(score.categories.database).toBeCloseTo(database * 100, 1);
    expect(score.overall).toBeCloseTo(overall * 100, 1);
    // The arithmetic with today's weights: caching (2·1 + 1·0.5)/3, database (3·0 + 1·1)/4.
    expect(score.categories.caching).toBe(83.3);
    expect(score.categories.database).toBe(25);
  });

  it('leaves not-measured rules out: they neither help nor hurt', () => {
    const measured = [finding('cache.hit-ratio', 'pass'), finding('db.buffer-hit', 'warn')];
    const withUnmeasured = [
      ...measured,
      finding('cache.evictions', 'not-measured'),
      finding('db.pooler', 'not-measured'),
    ];
    expect(scoreFindings(withUnmeasured)).toEqual(scoreFindings(measured));
    expect(scoreFindings(withUnmeasured).categories.caching).toBe(100);
  });

  it('a category with nothing measured is null and does not pull the overall score down', () => {
    const score = scoreFindings([
      finding('slo.latency', 'pass'),
      finding('edge.offload', 'not-measured'),
      finding('obs.tracing', 'not-measured'),
    ]);
    expect(score.categories.edge).toBeNull();
    expect(score.categories.observability).toBeNull();
    expect(score.overall).toBe(100);
    expect(Object.keys(score.categories)).toEqual(CATEGORIES.map((c) => c.id));
  });

  it('is null when nothing was measured at all', () => {
    expect(scoreFindings([finding('slo.latency', 'not-measured')]).overall).toBeNull();
    expect(scoreFindings([]).overall).toBeNull();
  });

  it('all failed scores 0, not null', () => {
    expect(scoreFindings([finding('slo.latency', 'fail'), finding('db.pooler', 'fail')]).overall).toBe(0);
  });
});
