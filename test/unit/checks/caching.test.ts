import { expect } from 'vitest';
import { makeCacheEvidence } from '../../support/fixtures.js';
import { describeRules, healthyEvidence } from './rule-cases.js';

const base = healthyEvidence();
const cache = (overrides: Parameters<typeof makeCacheEvidence>[0]) => ({
  ...base,
  cache: makeCacheEvidence(overrides),
});

describeRules(
  'caching',
  {
    'cache.hit-ratio': ['pass', 'warn', 'fail', 'not-measured'],
    'cache.evictions': ['pass', 'warn', 'not-measured'],
  },
  [
    {
      rule: 'cache.hit-ratio',
      status: 'pass',
      name: '93%',
      evidence: base,
      expect: (f) => expect(f.message).toMatch(/93% ≥ 80% \(930 hits, 70 misses\)/),
    },
    { rule: 'cache.hit-ratio', status: 'warn', name: '70%', evidence: cache({ hit_ratio: 0.7 }) },
    {
      rule: 'cache.hit-ratio',
      status: 'fail',
      name: '30%',
      evidence: cache({ hit_ratio: 0.3 }),
      expect: (f) => expect(f.threshold).toBe(0.5),
    },
    {
      rule: 'cache.hit-ratio',
      status: 'warn',
      name: 'checks override: warn below 95%',
      evidence: base,
      config: { checks: { 'cache.hit-ratio': { warn: '95%' } } },
      expect: (f) => expect(f.threshold).toBe(0.95),
    },
    {
      rule: 'cache.hit-ratio',
      status: 'not-measured',
      name: 'no lookups',
      evidence: cache({ hit_ratio: undefined, hits: 0, misses: 0 }),
      expect: (f) => expect(f.message).toMatch(/no cache lookups/),
    },
    {
      rule: 'cache.hit-ratio',
      status: 'not-measured',
      name: 'no Redis watched',
      evidence: { ...base, cache: undefined },
    },

    { rule: 'cache.evictions', status: 'pass', name: 'no eviction', evidence: base },
    {
      rule: 'cache.evictions',
      status: 'warn',
      name: 'keys evicted',
      evidence: cache({ evictions: 240 }),
      expect: (f) => expect(f.message).toMatch(/^240 keys evicted/),
    },
    {
      rule: 'cache.evictions',
      status: 'warn',
      name: 'memory at 95% of maxmemory',
      evidence: cache({ memory_ratio: 0.95 }),
    },
    {
      rule: 'cache.evictions',
      status: 'not-measured',
      name: 'memory not sampled',
      evidence: cache({ evictions: undefined, memory_ratio: undefined }),
    },
  ],
);
