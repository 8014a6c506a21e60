import { defineCheck, listOf, notMeasured, probeVerdicts } from './check.js';

/** Runs stored before cacheable_responses: the most common of these directives is a lower bound. */
const SHARED_LIFETIME = ['public', 's-maxage', 'max-age'];

/**
 * A shared-cacheable response carrying Set-Cookie leaks one user's cookie to others; Vary: Cookie or *
 * defeats the cache.
 */
export default defineCheck<Record<string, never>>({
  id: 'edge.cookie-on-cacheable',
  category: 'edge',
  title: 'No cookies on publicly cacheable responses',
  weight: 2,
  defaults: {},
  judge(e) {
    const edge = e.edge;
    const probe = probeVerdicts(e, 'edge.cookie-on-cacheable');
    // Each response once: a response with `public, max-age=300` carries two of the directives.
    const cacheable = edge
      ? (edge.cacheable_responses ?? Math.max(0, ...SHARED_LIFETIME.map((d) => edge.cache_control[d] ?? 0)))
      : 0;
    const cookies = (edge?.cookies ?? []).filter((c) => c.on_cacheable > 0);
    const vary = Object.entries(edge?.vary_on_cacheable ?? {}).filter(
      ([v, n]) => n > 0 && (v === '*' || v.toLowerCase() === 'cookie'),
    );
    if (!cacheable && !cookies.length && !vary.length && !probe.judged) {
      return notMeasured(
        edge ? 'no response was marked cacheable by shared caches' : 'response headers were not recorded',
        'mark shareable GETs Cache-Control: public, max-age=… to cache them at the edge',
      );
    }
    const remedy =
      'strip Set-Cookie from cacheable responses (no session/CSRF cookie on public views) and vary on less than Cookie';
    const problems = [
      cookies.length
        ? `Set-Cookie ${listOf(cookies.map((c) => `${c.name} (${c.on_cacheable}×)`))} on cacheable responses`
        : '',
      vary.length
        ? `Vary: ${vary.map(([v]) => v).join(', ')} on ${vary.reduce((a, [, n]) => a + n, 0)} cacheable responses`
        : '',
      ...probe.fails,
    ].filter(Boolean);
    if (problems.length) {
      return {
        status: 'fail',
        value:
          cookies.reduce((a, c) => a + c.on_cacheable, 0) + vary.reduce((a, [, n]) => a + n, 0) + probe.fails.length,
        threshold: 0,
        remedy,
        message: listOf(problems, 2),
        details: { cookies: cookies.map((c) => c.name), vary: vary.map(([v]) => v), probe: probe.fails },
      };
    }
    return {
      status: 'pass',
      value: 0,
      threshold: 0,
      remedy,
      message:
        `${cacheable} cacheable responses${probe.judged ? ` and ${probe.judged} probed URLs` : ''}, ` +
        'none with Set-Cookie or Vary: Cookie/*',
    };
  },
});
