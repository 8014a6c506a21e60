import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../src/errors.js';
import { ExpositionServer } from '../../../src/metrics/exposition-server.js';
import { RunMetrics } from '../../../src/metrics/run-metrics.js';

const metrics = () => new RunMetrics({ runId: 'x', shard: '1/1', endpoints: ['home'] });

describe('ExpositionServer', () => {
  it('serves OpenMetrics at /metrics on loopback, and nothing else', async () => {
    const server = new ExpositionServer(metrics().registry);
    const port = await server.listen(0);
    try {
      expect(server.url).toBe(`http://127.0.0.1:${port}/metrics`);
      const res = await fetch(server.url!);
      expect(res.headers.get('content-type')).toContain('application/openmetrics-text');
      const body = await res.text();
      expect(body).toContain('scale_audit_requests_total{endpoint="home",run_id="x",shard="1/1"} 0');
      expect(body.trimEnd().endsWith('# EOF')).toBe(true);
      expect((await fetch(`http://127.0.0.1:${port}/`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('a port in use is a config error naming metrics.port', async () => {
    const first = new ExpositionServer(metrics().registry);
    const port = await first.listen(0);
    try {
      const second = new ExpositionServer(metrics().registry);
      const error = await second.listen(port).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as Error).message).toMatch(/^metrics\.port: cannot listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)/);
    } finally {
      await first.close();
    }
  });

  it('waits for one more scrape after the final figures when something was scraping', async () => {
    const server = new ExpositionServer(metrics().registry);
    await server.listen(0);
    await fetch(server.url!).then((r) => r.text());
    await fetch(server.url!).then((r) => r.text());
    let closed = false;
    const closing = server.close(true).then(() => (closed = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(closed).toBe(false);
    const last = await fetch(server.url!).then((r) => r.text());
    await closing;
    expect(last).toContain('scale_audit_requests_total');
    expect(closed).toBe(true);
  });
});
