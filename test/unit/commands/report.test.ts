import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/load.js';
import { makeCacheEvidence, makeRunResult } from '../../support/fixtures.js';
import { audit } from '../../../src/audit/index.js';
import { auditedRun } from '../report/report-fixture.js';
import { CHECKS } from '../../../checks/index.js';

const ROOT = join(import.meta.dirname, '../../..');
const BIN = join(ROOT, 'bin/scale-audit.js');
const XSD = join(ROOT, 'test/support/schemas/junit.xsd');
const dir = mkdtempSync(join(tmpdir(), 'scale-audit-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function store(name: string, value: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof value === 'string' ? value : JSON.stringify(value));
  return file;
}

const failing = store('failing.json', auditedRun());
const passingRun = (() => {
  const config = validateConfig({ slo: { p95: '500ms' } });
  const run = makeRunResult({
    config: JSON.parse(JSON.stringify(config)) as Record<string, unknown>,
    evidence: { cache: makeCacheEvidence({ hit_ratio: 0.7 }) },
  });
  return { ...run, ...audit(run, config) };
})();
const passing = store('passing.json', passingRun);

describe('scale-audit report', () => {
  it('re-renders a stored run in the terminal format and exits 1 when a gate failed', () => {
    const r = cli(['report', failing]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout, r.stderr).toMatch(/Score \d+\/100/);
    expect(r.stdout).toMatch(/FAIL │ budget\.queries_per_request/);
    expect(r.stdout).not.toMatch(/\u001b\[/);
  });

  it('exits 0 when every gate passed, and --fail-on warn makes warnings fail it', () => {
    const ok = cli(['report', passing, '--format', 'md']);
    expect(ok.code, ok.stderr + ok.stdout.slice(0, 600)).toBe(0);
    expect(passingRun.findings.filter((f) => f.status === 'warn').map((f) => f.id)).toEqual(['cache.hit-ratio']);
    expect(cli(['report', passing, '--format', 'md', '--fail-on', 'warn']).code).toBe(1);
  });

  it('--format junit --out writes a file valid against the JUnit schema', () => {
    const out = join(dir, 'report.xml');
    const r = cli(['report', failing, '--format', 'junit', '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toMatch(/^<\?xml/);
    expect(() => execFileSync('xmllint', ['--noout', '--schema', XSD, out], { stdio: 'pipe' })).not.toThrow();
  });

  it('re-judges the stored evidence with the stored config (a merged file without findings gets them)', () => {
    const bare = store('bare.json', {
      ...passingRun,
      findings: [],
      gates: [],
      score: { overall: null, categories: {} },
    });
    const doc = JSON.parse(cli(['report', bare, '--format', 'json']).stdout) as {
      findings: unknown[];
      gates: { id: string; passed: boolean }[];
    };
    expect(doc.findings).toHaveLength(CHECKS.length);
    expect(doc.gates).toEqual([expect.objectContaining({ id: 'slo.p95', passed: true })]);
    const recorded = JSON.parse(cli(['report', bare, '--format', 'json', '--as-recorded']).stdout) as {
      findings: unknown[];
    };
    expect(recorded.findings).toHaveLength(0);
  });

  it('under GitHub Actions the annotations go to stderr and stdout stays parseable', () => {
    const r = cli(['report', failing, '--format', 'json'], { GITHUB_ACTIONS: 'true' });
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stderr).toMatch(/^::error title=scale-audit gate slo\.p95::/m);
    expect(cli(['report', failing, '--format', 'json']).stderr).toBe('');
  });

  it.each([
    ['a truncated file', () => store('truncated.json', JSON.stringify(passingRun).slice(0, 500)), /not valid JSON/],
    [
      'a newer result version',
      () => store('v2.json', { ...passingRun, version: 2 }),
      /version 2, written by a newer scale-audit/,
    ],
    [
      'a file that is not a run',
      () => store('other.json', { version: 1, hello: 'world' }),
      /not a valid scale-audit result/,
    ],
    ['a missing file', () => join(dir, 'nope.json'), /no such file/],
  ])('%s exits 2 with a clear message', (_name, file, message) => {
    const r = cli(['report', file(), '--format', 'md']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
  });

  it('an unknown format is a usage error', () => {
    expect(cli(['report', passing, '--format', 'pdf']).code).toBe(2);
  });
});
