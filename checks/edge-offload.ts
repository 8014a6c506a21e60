import { defineCheck, notMeasured, pct } from './check.js';

/** Share of responses served from a cache (X-Cache / CF-Cache-Status / X-Cache-Status HIT, or Age > 0). */
export default defineCheck<{ target: number }>({
  id: 'edge.offload',
  category: 'edge',
  title: 'CDN offload',
  weight: 2,
  // 0 = no target set: then any offload passes and none warns.
  defaults: { target: 0 },
  config: { target: { path: 'edge.offload_target' } },
  judge(e, t) {
    const edge = e.edge;
    const ratio = edge?.offload_ratio ?? (edge && edge.responses > 0 ? edge.hits / edge.responses : undefined);
    if (!edge || ratio === undefined)
      return notMeasured(
        'response headers were not recorded',
        'run against the CDN hostname so cache status headers are seen',
        t.target,
      );
    const bytes = edge.bytes_total > 0 ? `, ${pct(edge.bytes_from_cache / edge.bytes_total)} of bytes` : '';
    const what = `${pct(ratio)} of ${edge.responses} responses served from cache${bytes}`;
    const remedy = 'cache public GETs at the CDN (Cache-Control: public, s-maxage) and serve static assets from it';
    const details = { bytes_from_cache: edge.bytes_from_cache, bytes_total: edge.bytes_total };
    if (t.target > 0) {
      if (ratio < t.target)
        return {
          status: 'warn',
          value: ratio,
          threshold: t.target,
          remedy,
          details,
          message: `${what} < target ${pct(t.target)}`,
        };
      return {
        status: 'pass',
        value: ratio,
        threshold: t.target,
        remedy,
        details,
        message: `${what} ≥ target ${pct(t.target)}`,
      };
    }
    if (ratio === 0)
      return {
        status: 'warn',
        value: 0,
        threshold: t.target,
        remedy,
        details,
        message: `no response served from a cache (set edge.offload_target to judge against a target)`,
      };
    return { status: 'pass', value: ratio, threshold: t.target, remedy, details, message: what };
  },
});
