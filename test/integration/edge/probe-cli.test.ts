/** `scale-audit probe` as a user runs it: the built CLI in its own process against loopback servers. */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProbeResult } from '../../../src/edge/probe/probe-result.js';
import { closedPort, startEdgeServer, type EdgeServer } from '../../support/edge-servers.js';

const BIN = fileURLToPath(new URL('../../../bin/scale-audit.js', import.meta.url));

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, ...env }, timeout: 30_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

let edge: EdgeServer;
let dir: string;

beforeAll(async () => {
  edge = await startEdgeServer();
  dir = mkdtempSync(join(tmpdir(), 'scale-audit-probe-cli-'));
});

afterAll(async () => {
  await edge?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('scale-audit probe --json', () => {
  it('prints exactly one JSON array with the documented fields per URL', async () => {
    const run = await cli(['probe', '--json', '--timeout', '3s', `${edge.url}/good`, `${edge.url}/affinity`]);
    expect(run.code, run.stderr).toBe(0);
    const results = JSON.parse(run.stdout) as ProbeResult[];
    expect(results.map((r) => r.url)).toEqual([`${edge.url}/good`, `${edge.url}/affinity`]);
    for (const r of results) {
      expect(Object.keys(r)).toEqual(
        expect.arrayContaining([
          'url',
          'status',
          'protocol',
          'alt_svc_h3',
          'cache_control',
          'validators',
          'compression',
          'cache',
          'cookies',
          'vary',
          'hsts',
          'findings',
          'error',
        ]),
      );
      expect(Object.keys(r.cache_control)).toEqual(
        expect.arrayContaining(['raw', 'public', 'max_age', 's_maxage', 'immutable', 'no_store']),
      );
      expect(Object.keys(r.validators)).toEqual(expect.arrayContaining(['etag', 'last_modified', 'revalidates']));
      expect(Object.keys(r.compression)).toEqual(expect.arrayContaining(['offered', 'used', 'vary_accept_encoding']));
      expect(Object.keys(r.cache)).toEqual(expect.arrayContaining(['status', 'age', 'hit_on_repeat']));
    }
    const [good, sticky] = results;
    expect(good!).toMatchObject({
      status: 200,
      protocol: 'http/1.1',
      error: null,
      compression: { used: 'br' },
      validators: { revalidates: true },
    });
    expect(sticky!.findings).toContainEqual(expect.objectContaining({ id: 'web.no-sticky', status: 'fail' }));
  });

  it('probes the target endpoints and edge.probe paths of a config, sending its headers', async () => {
    const config = join(dir, 'scale-audit.yml');
    writeFileSync(
      config,
      [
        `target: ${edge.url}`,
        'headers: { Authorization: "Bearer very-secret-token-123" }',
        'endpoints:',
        '  - { path: /good }',
        '  - { method: POST, path: /orders }',
        'edge:',
        '  probe: [ /static/app.css, /good ]',
      ].join('\n'),
    );
    const run = await cli(['probe', '--config', config, '--json']);
    expect(run.code, run.stderr).toBe(0);
    const urls = (JSON.parse(run.stdout) as ProbeResult[]).map((r) => r.url);
    expect(urls).toEqual([`${edge.url}/good`, `${edge.url}/static/app.css`]); // POST skipped, duplicates once
    expect(run.stdout + run.stderr).not.toContain('very-secret-token-123');
    expect(edge.lastRequest('/static/app.css')?.authorization).toBe('Bearer very-secret-token-123');
  });

  it('sends --header values but keeps its own Accept-Encoding', async () => {
    const run = await cli([
      'probe',
      '--json',
      '--header',
      'X-Tenant: blue',
      '--header',
      'Accept-Encoding: zstd',
      `${edge.url}/api/items`,
    ]);
    expect(run.code, run.stderr).toBe(0);
    const seen = edge.lastRequest('/api/items')!;
    expect(seen['x-tenant']).toBe('blue');
    // the probe's own Accept-Encoding wins; the last request is the identity one
    expect(seen['accept-encoding']).toBe('identity');
    expect(seen['user-agent']).toMatch(/^scale-audit\/\d+\.\d+\.\d+ \(probe\)$/);
  });

  it('exits 3 when no URL answers, still printing a result per URL', async () => {
    const run = await cli(['probe', '--json', '--timeout', '2s', `http://127.0.0.1:${await closedPort()}/`]);
    expect(run.code, run.stderr).toBe(3);
    const [r] = JSON.parse(run.stdout) as ProbeResult[];
    expect(r!.error).toMatch(/connection refused/);
    expect(run.stderr).toContain('no URL answered');
  });

  it('exits 2 on bad usage', async () => {
    const cases = [
      [['probe', 'ftp://example.test/x'], 'expected an http(s) URL'],
      [['probe', '--timeout', 'soon', `${edge.url}/good`], '--timeout'],
      [['probe', '--ca', join(dir, 'missing.pem'), `${edge.url}/good`], '--ca: cannot read'],
      [['probe', '--config', join(dir, 'absent.yml')], 'cannot read config'],
    ] as const;
    for (const [args, message] of cases) {
      const run = await cli([...args]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stdout).toBe('');
    }
  });
});

describe('scale-audit probe (table)', () => {
  it('renders a table without colour codes under NO_COLOR, with the findings below it', async () => {
    const run = await cli(['probe', `${edge.url}/no-validators`, `${edge.url}/vary-star`], {
      NO_COLOR: '1',
      FORCE_COLOR: '1',
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toMatch(/\u001b\[/);
    expect(run.stdout).toContain('Cache-Control');
    expect(run.stdout).toMatch(/WARN edge\.validators {2}no ETag or Last-Modified/);
    expect(run.stdout).toMatch(/FAIL edge\.cookie-on-cacheable/);
  });

  it('colours the statuses when asked to', async () => {
    const run = await cli(['probe', `${edge.url}/affinity`], { FORCE_COLOR: '1', NO_COLOR: '' });
    expect(run.stdout).toContain('\u001b[31mFAIL');
  });
});
