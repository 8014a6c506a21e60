import { defineCheck, listOf, notMeasured, probeVerdicts } from './check.js';

/** Load-balancer affinity cookies (AWSALB, SERVERID, route, GCLB, INGRESSCOOKIE, …) pin users to one pod. */
export default defineCheck<Record<string, never>>({
  id: 'web.no-sticky',
  category: 'web',
  title: 'No sticky sessions at the load balancer',
  weight: 2,
  defaults: {},
  judge(e) {
    const edge = e.edge;
    const probe = probeVerdicts(e, 'web.no-sticky');
    if ((!edge || edge.responses === 0) && !probe.judged) {
      return notMeasured(
        'response headers were not recorded',
        'run against the target with response-header stats enabled (edge)',
      );
    }
    const sticky = (edge?.cookies ?? []).filter((c) => c.affinity && c.count > 0);
    const remedy = 'disable load-balancer stickiness and keep sessions in Redis so any pod can serve any user';
    if (sticky.length || probe.fails.length) {
      const names = sticky.map((c) => `${c.name} (${c.count}×)`);
      return {
        status: 'fail',
        value: sticky.length + probe.fails.length,
        threshold: 0,
        remedy,
        message: `affinity cookie set: ${listOf(names.length ? names : probe.fails)}`,
        details: { cookies: sticky.map((c) => c.name), probe: probe.fails },
      };
    }
    return {
      status: 'pass',
      value: 0,
      threshold: 0,
      remedy,
      message: `no affinity cookie in ${(edge?.responses ?? 0) + probe.judged} responses`,
    };
  },
});
