import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { freePort } from '../../support/ports.js';
import { startPrometheus, type PrometheusServer } from '../../support/prometheus.js';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';
import type { RunResult } from '../../../src/result/run-result.js';

const DASHBOARD = fileURLToPath(new URL('../../../examples/grafana/scale-audit.json', import.meta.url));

/** Basic-auth password in the remote-write URL: Prometheus ignores it, no output may show it. */
const SECRET = 'S3cret-rw-pw';

let prometheus: PrometheusServer;
let target: TargetServer;
let metricsPort: number;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'scale-audit-metrics-'));
  metricsPort = await freePort();
  [prometheus, target] = await Promise.all([startPrometheus(metricsPort), startTargetServer()]);
}, 60_000);

afterAll(async () => {
  await Promise.all([prometheus?.close(), target?.close()]);
  rmSync(dir, { recursive: true, force: true });
});

const total = async (expr: string): Promise<number> =>
  (await prometheus.query(expr)).reduce((sum, r) => sum + r.value, 0);

describe('live metrics in a real Prometheus', () => {
  it('scraped and pushed (two load workers): the exact request count and the source series', async () => {
    const out = join(dir, 'run.json');
    const r = await runCli(
      [
        'run',
        '--target',
        target.url,
        '--path',
        '/fast',
        '--path',
        '/status?code=503',
        '--rate',
        '60',
        '--duration',
        '4s',
        '--workers',
        '2',
        '--redis',
        'redis://127.0.0.1:6379',
        '--metrics-port',
        String(metricsPort),
        '--prometheus-rw',
        `${prometheus.url.replace('//', `//scale:${SECRET}@`)}/api/v1/write`,
        '--out',
        out,
      ],
      { timeoutMs: 60_000 },
    );
    const result = JSON.parse(readFileSync(out, 'utf8')) as RunResult;
    expect(r.stderr).toMatch(/metrics: run_id \w+, OpenMetrics at http:\/\/127\.0\.0\.1:\d+\/metrics, remote write/);
    const runId = /run_id (\w+)/.exec(r.stderr)![1]!;
    expect(r.stderr + r.stdout + readFileSync(out, 'utf8')).not.toContain(SECRET);
    const requests = result.summary.requests;
    expect(requests).toBeGreaterThan(100);

    // Pushed: the final push was awaited before exit, so the last sample holds the exact totals.
    const pushed = `{job="scale-audit",run_id="${runId}"}`;
    expect(await total(`scale_audit_requests_total${pushed}`)).toBe(requests);
    expect(await total(`scale_audit_errors_total${pushed}`)).toBe(result.summary.errors);
    const byEndpoint = await prometheus.query(`scale_audit_requests_total${pushed}`);
    expect(byEndpoint.map((s) => s.metric.endpoint).sort()).toEqual(Object.keys(result.endpoints).sort());
    expect(await total(`scale_audit_latency_seconds_count${pushed}`)).toBe(requests);
    expect(await total(`scale_audit_latency_seconds_bucket{job="scale-audit",le="+Inf"}`)).toBe(requests);
    const clients = await prometheus.query(`scale_audit_source_connected_clients{source="redis",${pushed.slice(1)}`);
    expect(clients).toHaveLength(1);
    expect(clients[0]!.value).toBeGreaterThan(0);

    // Scraped: the run waited for one scrape after its final figures (the series are stale now: look back).
    const scraped = `{job="scrape",run_id="${runId}"}`;
    expect(await total(`max_over_time(scale_audit_requests_total${scraped}[5m])`)).toBe(requests);
    expect(await total(`max_over_time(scale_audit_source_used_memory${scraped}[5m])`)).toBeGreaterThan(0);

    // Every query of the Grafana dashboard is valid PromQL for this Prometheus; the rate and latency panels have data.
    const dashboard = JSON.parse(readFileSync(DASHBOARD, 'utf8')) as { panels: { targets: { expr: string }[] }[] };
    const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => t.expr.replaceAll('$run_id', runId)));
    const answers = await Promise.all(exprs.map((e) => prometheus.query(e)));
    expect(answers[exprs.findIndex((e) => e.startsWith('max by (run_id) (scale_audit_latency_p95'))]).not.toEqual([]);
    expect(answers[exprs.findIndex((e) => e.includes('scale_audit_intended_rps'))]).not.toEqual([]);
  }, 90_000);
});
