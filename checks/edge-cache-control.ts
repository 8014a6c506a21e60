import { defineCheck, edgeTargets, listOf, notMeasured, probeVerdicts } from './check.js';
import { isStaticPath } from '../src/edge/asset-kind.js';
import { parseCacheControl } from '../src/edge/headers/cache-control.js';

/** Every successful GET says how it may be cached; static assets are long-lived. */
export default defineCheck<{ static_max_age_s: number }>({
  id: 'edge.cache-control',
  category: 'edge',
  title: 'Cache-Control policy on every GET',
  weight: 2,
  defaults: { static_max_age_s: 86_400 },
  judge(e, t) {
    const gets = edgeTargets(e).filter((x) => x.method === 'GET');
    const probe = probeVerdicts(e, 'edge.cache-control');
    if (!gets.length && !probe.judged)
      return notMeasured(
        'no successful GET response headers recorded',
        'add GET endpoints or edge.probe paths',
        t.static_max_age_s,
      );
    const missing = gets.filter((x) => !x.stat.cache_control).map((x) => x.name);
    const shortStatic = gets
      .filter((x) => {
        if (!isStaticPath(x.path) || !x.stat.cache_control) return false;
        const cc = parseCacheControl(x.stat.cache_control);
        return cc.no_store || (!cc.immutable && (cc.s_maxage ?? cc.max_age ?? 0) < t.static_max_age_s);
      })
      .map((x) => x.name);
    const problems = [
      missing.length ? `no Cache-Control on ${listOf(missing)}` : '',
      shortStatic.length ? `static assets not long-lived: ${listOf(shortStatic)}` : '',
      ...probe.warns,
    ].filter(Boolean);
    const first = missing[0] ?? shortStatic[0];
    if (problems.length) {
      return {
        status: 'warn',
        value: problems.length,
        threshold: 0,
        message: listOf(problems, 2),
        remedy:
          `state a policy${first ? ` on ${first}` : ''}: public, max-age for shared pages ` +
          `(cache_control/cache_page), private or no-store for personal ones, max-age=31536000, immutable for ` +
          `hashed static files (ManifestStaticFilesStorage)`,
        details: { missing, short_static: shortStatic, probe: probe.warns },
      };
    }
    return {
      status: 'pass',
      value: 0,
      threshold: 0,
      remedy: 'keep a Cache-Control policy on every GET',
      message: `${gets.length + probe.judged} GET paths state a Cache-Control policy`,
    };
  },
});
