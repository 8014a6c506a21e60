import { defineCheck, listOf, notMeasured, pct, probeVerdicts } from './check.js';

/** traceparent, X-Request-ID or Server-Timing on responses: a request can be followed edge → app → tasks → DB. */
export default defineCheck<{ coverage: number }>({
  id: 'obs.tracing',
  category: 'observability',
  title: 'Responses carry trace context',
  weight: 1,
  defaults: { coverage: 0.9 },
  judge(e, t) {
    const edge = e.edge;
    const probe = probeVerdicts(e, 'obs.tracing');
    const remedy =
      'instrument Django with OpenTelemetry (traceparent) or a request-ID middleware, and expose Server-Timing';
    if (!edge || edge.responses === 0) {
      if (!probe.judged)
        return notMeasured('response headers were not recorded', 'run with response-header stats (edge)', t.coverage);
      const coverage = probe.passes.length / probe.judged;
      const status = coverage >= t.coverage ? 'pass' : 'warn';
      return {
        status,
        value: coverage,
        threshold: t.coverage,
        remedy,
        message: status === 'pass' ? `tracing headers on ${probe.passes.length} probed URLs` : listOf(probe.warns, 2),
      };
    }
    const { traceparent, request_id, server_timing } = edge.tracing;
    const carrying = edge.tracing.any ?? Math.max(traceparent, request_id, server_timing);
    const coverage = Math.min(1, carrying / edge.responses);
    const which = [traceparent && 'traceparent', request_id && 'X-Request-ID', server_timing && 'Server-Timing']
      .filter(Boolean)
      .join(', ');
    if (coverage === 0)
      return {
        status: 'warn',
        value: 0,
        threshold: t.coverage,
        remedy,
        message: `no traceparent, X-Request-ID or Server-Timing on ${edge.responses} responses`,
      };
    if (coverage < t.coverage)
      return {
        status: 'warn',
        value: coverage,
        threshold: t.coverage,
        remedy,
        message: `${which} on only ${pct(coverage)} of responses`,
      };
    return {
      status: 'pass',
      value: coverage,
      threshold: t.coverage,
      remedy,
      message: `${which} on ${pct(coverage)} of responses`,
    };
  },
});
