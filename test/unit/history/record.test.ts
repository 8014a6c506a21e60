import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listRuns, loadRun } from '../../../src/history/query.js';
import { configHash, recordRun } from '../../../src/history/record.js';
import { withHistory } from '../../../src/history/store.js';
import { buildRunResult } from '../../support/result-builder.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sa-record-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('recordRun', () => {
  it('stores time, git commit and branch from GitHub variables, label, figures, score, gates and the result', () => {
    const file = join(dir, 'h.db');
    const result = buildRunResult({
      seed: 3,
      seconds: 5,
      gates: [{ id: 'slo.p95', passed: true, value: 40, threshold: 300 }],
      score: { overall: 77, categories: {} },
    });
    const now = new Date('2026-01-02T03:04:05Z');
    const { id } = recordRun(result, {
      file,
      kind: 'run',
      label: 'nightly',
      env: { GITHUB_SHA: 'f00dfeed', GITHUB_REF_NAME: 'feature/x' },
      now,
    });
    const [row] = withHistory(file, false, (s) => listRuns(s));
    expect(row).toMatchObject({
      id,
      kind: 'run',
      recorded_at: now.toISOString(),
      git_commit: 'f00dfeed',
      git_branch: 'feature/x',
      label: 'nightly',
      requests: result.summary.requests,
      p95_ms: result.summary.latency_ms.p95,
      score: 77,
      gates_passed: true,
    });
    const stored = withHistory(file, false, (s) => loadRun(s, id));
    expect(row!.config_hash).toBe(configHash(stored.config));
    expect(stored.histograms.latency).toBe(result.histograms.latency);
    expect(stored.timeline.map((r) => r.histogram)).toEqual(result.timeline.map((r) => r.histogram));
  });

  it('never stores a secret: DSN passwords and bearer tokens are masked before they reach the file', () => {
    const file = join(dir, 'h.db');
    const result = buildRunResult({
      seed: 4,
      seconds: 3,
      config: {
        target: 'http://127.0.0.1:8000/?token=tok-QUERY-4242',
        sources: { postgres: { dsn: 'postgres://app:pw-DSN-31337@127.0.0.1:5432/app' } },
        headers: { Authorization: 'Bearer tok-BEARER-9001' },
      },
    });
    recordRun(result, { file, kind: 'run', env: {} });
    for (const name of readdirSync(dir)) {
      const bytes = readFileSync(join(dir, name)).toString('latin1');
      for (const secret of ['pw-DSN-31337', 'tok-BEARER-9001', 'tok-QUERY-4242']) expect(bytes).not.toContain(secret);
    }
  });

  it('hashes the config without its output words, independent of key order', () => {
    expect(configHash({ target: 'x', load: { rate: 5, duration: 1 } })).toBe(
      configHash({ load: { duration: 1, rate: 5 }, target: 'x', out: 'a.json', format: 'json' }),
    );
    expect(configHash({ target: 'x' })).not.toBe(configHash({ target: 'y' }));
  });
});
