import { defineCheck, notMeasured, pct } from './check.js';

/** Δ keyspace_hits over Δ (hits + misses) from Redis INFO. */
export default defineCheck<{ warn: number; fail: number }>({
  id: 'cache.hit-ratio',
  category: 'caching',
  title: 'Cache hit ratio',
  weight: 2,
  defaults: { warn: 0.8, fail: 0.5 },
  judge(e, t) {
    const c = e.cache;
    if (c?.hit_ratio === undefined) {
      const why =
        c && (c.hits ?? 0) + (c.misses ?? 0) === 0 ? 'no cache lookups during the run' : 'Redis hits were not measured';
      return notMeasured(why, 'pass --redis URL of the Django cache', t.warn);
    }
    const counts = c.hits !== undefined && c.misses !== undefined ? ` (${c.hits} hits, ${c.misses} misses)` : '';
    const remedy =
      'cache the hot views and lookups with explicit, versioned keys and long enough timeouts; avoid per-user ' +
      'keys on shared data';
    if (c.hit_ratio < t.fail)
      return {
        status: 'fail',
        value: c.hit_ratio,
        threshold: t.fail,
        remedy,
        message: `cache hit ratio ${pct(c.hit_ratio)} < ${pct(t.fail)}${counts}`,
      };
    if (c.hit_ratio < t.warn)
      return {
        status: 'warn',
        value: c.hit_ratio,
        threshold: t.warn,
        remedy,
        message: `cache hit ratio ${pct(c.hit_ratio)} < ${pct(t.warn)}${counts}`,
      };
    return {
      status: 'pass',
      value: c.hit_ratio,
      threshold: t.warn,
      remedy,
      message: `cache hit ratio ${pct(c.hit_ratio)} ≥ ${pct(t.warn)}${counts}`,
    };
  },
});
