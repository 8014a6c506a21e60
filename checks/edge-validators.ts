import { defineCheck, edgeTargets, listOf, notMeasured, probeVerdicts } from './check.js';

/** ETag or Last-Modified so clients and CDNs can revalidate with a cheap 304. */
export default defineCheck<Record<string, never>>({
  id: 'edge.validators',
  category: 'edge',
  title: 'Validators and 304 revalidation',
  weight: 1,
  defaults: {},
  judge(e) {
    const gets = edgeTargets(e).filter((x) => x.method === 'GET');
    const probe = probeVerdicts(e, 'edge.validators');
    if (!gets.length && !probe.judged)
      return notMeasured('no successful GET response headers recorded', 'add GET endpoints or edge.probe paths');
    const missing = gets.filter((x) => x.stat.etag === 0 && x.stat.last_modified === 0).map((x) => x.name);
    const problems = [missing.length ? `no ETag/Last-Modified on ${listOf(missing)}` : '', ...probe.warns].filter(
      Boolean,
    );
    const remedy =
      `add ConditionalGetMiddleware or ` +
      `@condition(etag_func=…)${missing[0] ? ` to ${missing[0]}` : ''} so revalidation answers 304`;
    if (problems.length)
      return {
        status: 'warn',
        value: problems.length,
        threshold: 0,
        remedy,
        message: listOf(problems, 2),
        details: { missing, probe: probe.warns },
      };
    return {
      status: 'pass',
      value: 0,
      threshold: 0,
      remedy,
      message: `validators on ${gets.length + probe.judged} GET paths`,
    };
  },
});
