/**
 * The resilience rules driven both ways by real drills: three Django-like apps on loopback, each put into a fault
 * by a drill's shell command (`touch` of its fault file) and taken out by the recovery command (`rm`).
 * - slow: pages take 40 ms longer during the fault, nothing fails → degradation and recovery pass;
 * - reset-some: 1 connection in 40 is reset during the fault → within the error budget but failing hard (warn),
 *   the finding names the resets (issue #13: it called them "timeouts/5xx");
 * - down: every connection is reset and nothing recovers it → recovery and degradation fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from '../../../src/config/load.js';
import { startRun } from '../../../src/run/pipeline.js';
import type { Finding, RunResult } from '../../../src/result/run-result.js';
import { startDjangoLikeApp, type DjangoLikeApp } from '../../support/django-like-app.js';

type Mode = 'slow' | 'reset-some' | 'down';
const dir = mkdtempSync(join(tmpdir(), 'scale-audit-drill-checks-'));
const apps: DjangoLikeApp[] = [];
const runs = {} as Record<Mode, RunResult>;

async function drill(mode: Mode, recover: boolean): Promise<RunResult> {
  const faultFile = join(dir, `fault-${mode}`);
  const app = await startDjangoLikeApp({ faultFile, resetEvery: 40 });
  apps.push(app);
  const config = validateConfig({
    target: app.url,
    endpoints: [{ name: 'page', path: '/page?ms=5' }],
    load: { rate: 40, duration: '5s', timeout: '2s' },
    // A generous p95 limit: these drills are about errors, and this machine's load must not read as a fault.
    slo: { p95: '1s', error_rate: '1%' },
    drill: {
      consecutive: 2,
      actions: [
        {
          name: `${mode} fault`,
          at: '1500ms',
          run: `touch ${faultFile}`,
          ...(recover ? { recover: { at: '3s', run: `rm -f ${faultFile}` } } : {}),
        },
      ],
    },
  });
  return startRun(config).result;
}

const finding = (r: RunResult, id: string): Finding => r.findings.find((f) => f.id === id)!;

beforeAll(async () => {
  const [slow, resetSome, down] = await Promise.all([
    drill('slow', true),
    drill('reset-some', true),
    drill('down', false),
  ]);
  Object.assign(runs, { slow, 'reset-some': resetSome, down });
}, 60_000);

afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
  rmSync(dir, { recursive: true, force: true });
});

describe('a fault the service absorbs (40 ms slower, no error)', () => {
  it('passes degradation and recovery', () => {
    const r = runs.slow;
    expect(r.drill?.actions.map((a) => [a.kind, a.exit_code])).toEqual([
      ['fault', 0],
      ['recover', 0],
    ]);
    expect(finding(r, 'drill.degradation')).toMatchObject({ status: 'pass', value: 0 });
    expect(finding(r, 'drill.degradation').message).toMatch(
      /^error rate 0(\.0)?% during the fault \(0 shed with 429\/503\)/,
    );
    const recovery = finding(r, 'drill.recovery');
    expect(recovery.status, recovery.message).toBe('pass');
    expect(recovery.value as number).toBeLessThanOrEqual(15);
  });
});

describe('a fault that resets 1 connection in 40', () => {
  it('warns that it fails hard, naming the resets, not "timeouts/5xx"', () => {
    const r = runs['reset-some'];
    const f = finding(r, 'drill.degradation');
    expect(r.drill?.degradation.by_class).toEqual({ reset: expect.any(Number) });
    expect(f.status).toBe('warn');
    expect(f.message).toMatch(
      /\(0 shed with 429\/503, \d+ failed hard: \d+ reset\): within 5(\.0)?%, but failing hard/,
    );
    expect(f.message).not.toMatch(/timeout|5xx/);
  });
});

describe('a fault nothing recovers (every connection reset)', () => {
  it('fails recovery and degradation', () => {
    const r = runs.down;
    const recovery = finding(r, 'drill.recovery');
    expect(recovery).toMatchObject({ status: 'fail', value: null });
    expect(recovery.message).toMatch(/never came back/);
    const degradation = finding(r, 'drill.degradation');
    expect(degradation.status).toBe('fail');
    expect(degradation.value as number).toBeGreaterThan(0.9);
    expect(degradation.message).toMatch(/failed hard: \d+ reset\) > 5(\.0)?%$/);
  });
});
