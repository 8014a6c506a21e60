import { defineCheck, listOf, notMeasured, probeVerdicts } from './check.js';

/** HTTP/2 (and HTTP/3 advertised) at the TLS edge: multiplexing instead of six connections per client. */
export default defineCheck<Record<string, never>>({
  id: 'edge.protocol',
  category: 'edge',
  title: 'HTTP/2 or HTTP/3 at the edge',
  weight: 1,
  defaults: {},
  judge(e) {
    const tls = e.probes.filter((p) => !p.error && p.protocol && /^https:/i.test(p.url));
    const probe = probeVerdicts(e, 'edge.protocol');
    if (!tls.length && !probe.judged) {
      return e.run.tls
        ? notMeasured('the TLS edge was not probed', 'add edge.probe paths (or run scale-audit probe)')
        : notMeasured('plain http target: protocol negotiation needs TLS', 'run against the https:// URL users reach');
    }
    const modern = tls.filter((p) => /^(h2|h3)$/i.test(p.protocol!));
    const h3 = tls.some((p) => p.alt_svc_h3);
    const remedy =
      'enable HTTP/2 on the TLS terminator (nginx http2 on, ALB/CDN default) and advertise HTTP/3 with Alt-Svc';
    const old = tls.filter((p) => !/^(h2|h3)$/i.test(p.protocol!)).map((p) => p.url);
    if (old.length || probe.warns.length) {
      return {
        status: 'warn',
        value: tls.find((p) => !modern.includes(p))?.protocol ?? 'http/1.1',
        threshold: 'h2',
        remedy,
        message: `HTTP/1.1 only on ${listOf(old.length ? old : probe.warns)}`,
      };
    }
    return {
      status: 'pass',
      value: modern[0]?.protocol ?? 'h2',
      threshold: 'h2',
      remedy,
      message:
        `HTTP/2 negotiated on ${tls.length} probed ` +
        `URLs${h3 ? ', HTTP/3 advertised (Alt-Svc)' : ', no HTTP/3 Alt-Svc'}`,
    };
  },
});
