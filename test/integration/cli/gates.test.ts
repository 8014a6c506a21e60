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
  dir = mkdtempSync(join(tmpdir(), 'scale-audit-gates-'));
});
afterAll(async () => {
  await target.close();
});

const run = async (path: string, extra: string[] = []) => {
  const out = join(dir, `run-${Date.now()}.json`);
  const r = await runCli([
    'run',
    '--target',
    target.url,
    '--path',
    path,
    '--rate',
    '20',
    '--duration',
    '2s',
    '--slo',
    'p95=300ms',
    '--out',
    out,
    ...extra,
  ]);
  return { r, result: JSON.parse(readFileSync(out, 'utf8')) as RunResult };
};

describe('SLO gates decide the exit code', () => {
  it('a slow server fails its p95 gate: exit 1', async () => {
    const { r, result } = await run('/delay?ms=400');
    expect(r.code).toBe(1);
    const gate = result.gates.find((g) => g.id === 'slo.p95')!;
    expect(gate.passed).toBe(false);
    expect(gate.value).toBeGreaterThan(400);
    expect(gate.threshold).toBe(300);
    expect(r.stdout).toMatch(/FAIL\s+│ slo\.p95/);
  });

  it('a fast server passes: exit 0, and edge.probe paths are probed before the load', async () => {
    const config = join(dir, 'fast.yml');
    writeFileSync(config, `edge: { probe: [/fast] }\n`);
    const { r, result } = await run('/fast', ['--config', config, '--format', 'junit']);
    expect(r.code).toBe(0);
    expect(result.gates.find((g) => g.id === 'slo.p95')!.passed).toBe(true);
    expect(r.stdout).toMatch(/^<\?xml/);
    const probe = result.evidence.edge?.probe as { url: string; status: number }[];
    expect(probe.map((p) => [p.url, p.status])).toEqual([[`${target.url}/fast`, 200]]);
  });

  it('--fail-on warn also fails on a warning finding', async () => {
    const { r, result } = await run('/fast', ['--fail-on', 'warn']);
    expect(result.findings.some((f) => f.status === 'warn')).toBe(true);
    expect(r.code).toBe(1);
  });
});
