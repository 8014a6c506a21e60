/**
 * compare's gate on real run pairs against a real loopback target: a lagging generator does not hide a 12×
 * regression, a target that stops answering regresses the successful rate to 0, and a lagged run of an unchanged
 * server is never a regression and never a pass unless --allow-inconclusive. The after runs lag by design: a CPU
 * burner on the generator's thread (test/support/generator-burner.mjs), so the verdicts do not hang on the
 * machine's load.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judgeGate } from '../../../src/compare/gate.js';
import type { Comparison } from '../../../src/compare/types.js';
import type { RunResult } from '../../../src/result/run-result.js';
import { runCli } from '../../support/cli.js';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';

const BURNER = pathToFileURL(fileURLToPath(new URL('../../support/generator-burner.mjs', import.meta.url))).href;
/** 15 ms of every 100 ms: requests leave up to ~15 ms late, past the 10 ms p99 that flags a run lagged. */
const LAGGING = {
  NODE_OPTIONS: `--import=${BURNER}`,
  SCALE_AUDIT_TEST_BURN_MS: '15',
  SCALE_AUDIT_TEST_BURN_EVERY_MS: '100',
};

let target: TargetServer;
let dir: string;
const p = (name: string): string => join(dir, name);
const read = <T>(name: string): T => JSON.parse(readFileSync(p(name), 'utf8')) as T;

/** One open-model run of one endpoint named "view" (the same name both runs) into `out`; `env` makes it lag. */
async function run(out: string, url: string, opts: { rate: number; timeout?: string; env?: Record<string, string> }) {
  const { origin, pathname, search } = new URL(url);
  const config = {
    target: origin,
    endpoints: [{ name: 'view', path: pathname + search }],
    load: { rate: opts.rate, duration: '4s', warmup: '0s', timeout: opts.timeout ?? '5s' },
  };
  writeFileSync(p(`${out}.config.json`), JSON.stringify(config));
  const args = ['run', '--config', p(`${out}.config.json`), '--workers', '1', '--no-history'];
  const r = await runCli([...args, '--out', p(out), '--format', 'json'], { cwd: dir, env: opts.env });
  expect([0, 1], r.stderr).toContain(r.code);
  return read<RunResult>(out);
}

/** Answers the first request (the preflight), then accepts every request and never answers it. */
async function startSilentTarget(): Promise<{ url: string; server: Server }> {
  let answered = false;
  const server = createServer((_req, res) => {
    if (!answered) res.end('ok');
    answered = true;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/view`, server };
}

const compare = (before: string, after: string, ...flags: string[]) =>
  runCli(['compare', p(before), p(after), '--format', 'json', '--fail-on-regression', ...flags]);

const figure = (c: Comparison, id: string) => c.figures.find((f) => f.id === id)!;

beforeAll(async () => {
  target = await startTargetServer();
  dir = mkdtempSync(join(tmpdir(), 'sa-compare-gate-'));
});

afterAll(async () => {
  await target.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('compare --fail-on-regression on real pairs', () => {
  it('reads a 5 ms → 60 ms change regressed although the after run lagged, and fails', async () => {
    await run('fast.json', `${target.url}/delay?ms=5`, { rate: 100 });
    const after = await run('slow-lagged.json', `${target.url}/delay?ms=60`, { rate: 100, env: LAGGING });
    expect(after.generator.lagged, after.generator.reason).toBe(true);
    const r = await compare('fast.json', 'slow-lagged.json');
    expect(r.code, r.stderr).toBe(1);
    const c = JSON.parse(r.stdout) as Comparison;
    const p95 = figure(c, 'latency.p95');
    expect(p95.verdict, p95.reason).toBe('regressed');
    expect(p95.reason).toMatch(
      /beyond what the generator can explain up to (.* in the before run and )?[\d.]+ ?ms in the after run/,
    );
    expect(r.stderr).toMatch(/gate figures regressed: .*latency\.p95/);
  }, 30_000);

  it('reads a target that accepts and never answers as successful throughput 30 → 0, failing alone', async () => {
    await run('answering.json', `${target.url}/delay?ms=5`, { rate: 30, timeout: '1s' });
    const hanging = await startSilentTarget();
    const silent = await run('silent.json', hanging.url, { rate: 30, timeout: '1s' }).finally(() => {
      hanging.server.closeAllConnections();
      hanging.server.close();
    });
    expect(silent.summary.errors).toBe(silent.summary.requests);
    const r = await compare('answering.json', 'silent.json');
    expect(r.code, r.stderr).toBe(1);
    const c = JSON.parse(r.stdout) as Comparison;
    const success = figure(c, 'success_rps');
    expect(success.verdict, success.reason).toBe('regressed');
    expect(success.before!).toBeGreaterThan(25);
    expect(success.after).toBe(0);
    expect(figure(c, 'rps').gate).toBe(false);
    // The error-rate gate removed (figure and run gates), the successful rate still fails the gate by itself.
    const withoutErrors: Comparison = {
      ...c,
      figures: c.figures.filter((f) => f.id !== 'error_rate'),
      gate_regressions: c.gate_regressions.filter((id) => id !== 'error_rate' && !id.startsWith('gate:')),
    };
    const gate = judgeGate(withoutErrors, { allowInconclusive: true });
    expect(gate.passed).toBe(false);
    expect(gate.failures.join('\n')).toMatch(/gate figures regressed: .*success_rps/);
  }, 30_000);

  it('never reads a lagged run of the same server regressed: exit 1 with why, 0 if allowed', async () => {
    await run('same-a.json', `${target.url}/delay?ms=5`, { rate: 100 });
    const lagged = await run('same-b-lagged.json', `${target.url}/delay?ms=5`, { rate: 100, env: LAGGING });
    expect(lagged.generator.lagged).toBe(true);
    const strict = await compare('same-a.json', 'same-b-lagged.json');
    const c = JSON.parse(strict.stdout) as Comparison;
    expect(c.gate_regressions).toEqual([]);
    expect(c.figures.filter((f) => f.verdict === 'regressed').map((f) => f.id)).toEqual([]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toMatch(
      /inconclusive latency\.p9\d: inconclusive — the load generator lagged in (the after|both)/,
    );
    expect(strict.stderr).toMatch(/fix: rerun with fewer req\/s per worker/);
    const allowed = await compare('same-a.json', 'same-b-lagged.json', '--allow-inconclusive');
    expect(allowed.code, allowed.stderr).toBe(0);
  }, 30_000);
});
