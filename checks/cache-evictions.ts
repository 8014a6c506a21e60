import { defineCheck, notMeasured, pct } from './check.js';

/** Evictions mean the cache is too small for its working set (or keys never expire). */
export default defineCheck<{ evictions: number; memory_ratio: number }>({
  id: 'cache.evictions',
  category: 'caching',
  title: 'No cache evictions or memory pressure',
  weight: 1,
  defaults: { evictions: 0, memory_ratio: 0.9 },
  judge(e, t) {
    const c = e.cache;
    if (!c || (c.evictions === undefined && c.memory_ratio === undefined))
      return notMeasured('Redis memory was not sampled', 'pass --redis URL', t.evictions);
    const evicted = c.evictions ?? 0;
    const memory = c.memory_ratio !== undefined ? `, memory ${pct(c.memory_ratio)} of maxmemory` : '';
    const remedy = 'give Redis more maxmemory, set timeouts on cache keys, and keep sessions/Celery in their own Redis';
    if (evicted > t.evictions || (c.memory_ratio ?? 0) > t.memory_ratio) {
      return {
        status: 'warn',
        value: evicted,
        threshold: t.evictions,
        remedy,
        message: `${evicted} keys evicted during the run${memory}`,
      };
    }
    return { status: 'pass', value: evicted, threshold: t.evictions, remedy, message: `no eviction${memory}` };
  },
});
