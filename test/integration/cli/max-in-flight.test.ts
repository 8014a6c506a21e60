import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../support/cli.js';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';
import type { RunResult } from '../../../src/result/run-result.js';

let target: TargetServer;
let dir: string;
beforeAll(async () => {
  target = await startTargetServer();
  dir = mkdtempSync(join(tmpdir(), 'scale-audit-in-flight-'));
});
afterAll(async () => {
  await target.close();
});

describe('run: max_in_flight below what a slow view needs', () => {
  it('drops are counted, the generator is lagged with the socket reason and the SLO findings blame it', async () => {
    const config = join(dir, 'scale-audit.yaml');
    writeFileSync(
      config,
      [
        `target: ${target.url}`,
        'endpoints: [ { path: "/delay?ms=1000" } ]',
        'load: { rate: 50, duration: 3s, max_in_flight: 20 }',
        'slo: { p95: 2s, throughput: 0.97 }',
      ].join('\n'),
    );
    const out = join(dir, 'run.json');
    const r = await runCli(['run', '--config', config, '--out', out, '--no-history']);
    const result = JSON.parse(readFileSync(out, 'utf8')) as RunResult;

    expect(result.summary.dropped).toBeGreaterThan(50);
    expect(result.generator.lagged).toBe(true);
    expect(result.generator.limited_by).toBe('max_in_flight');
    expect(result.generator.reason).toMatch(/raise load\.max_in_flight/);
    expect(result.generator.queue_ms).toBeDefined();
    const throughput = result.findings.find((f) => f.id === 'slo.throughput')!;
    expect(throughput.status).toBe('not-measured');
    expect(throughput.message).toMatch(/the generator was the limit, not the target/);
    // As for any lagged run: the throughput gate is not met (and says it is inconclusive), so the exit code is 1.
    const gate = result.gates.find((g) => g.id === 'slo.throughput')!;
    expect(gate.passed).toBe(false);
    expect(gate.message).toMatch(/^inconclusive: .*raise load\.max_in_flight/);
    expect(r.code).toBe(1);
  });
});
