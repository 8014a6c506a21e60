import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { ConfigError } from '../../../src/errors.js';
import { listRuns } from '../../../src/history/query.js';
import { recordRun } from '../../../src/history/record.js';
import { SCHEMA_VERSION } from '../../../src/history/schema.js';
import { openHistory, withHistory } from '../../../src/history/store.js';
import { buildRunResult } from '../../support/result-builder.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sa-history-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const env = { GITHUB_SHA: 'abc123', GITHUB_REF_NAME: 'main' };

describe('openHistory', () => {
  it('creates the store with its directories, in WAL mode, at the current schema version', () => {
    const file = join(dir, 'nested', 'history.db');
    const store = openHistory(file, { create: true });
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    store.close();
  });

  it('refuses a missing store when reading', () => {
    expect(() => openHistory(join(dir, 'none.db'), { create: false })).toThrow(/no history at/);
  });

  it('turns a truncated store into a ConfigError (exit 2), not a crash', () => {
    const file = join(dir, 'history.db');
    for (let i = 0; i < 3; i++) recordRun(buildRunResult({ seed: i, seconds: 5 }), { file, kind: 'run', env });
    truncateSync(file, Math.floor(statSync(file).size / 3));
    const open = (): unknown => withHistory(file, false, (s) => listRuns(s));
    expect(open).toThrow(ConfigError);
    expect(open).toThrow(/corrupt or not a scale-audit history/);
  });

  it('turns a file that is not SQLite into a ConfigError', () => {
    const file = join(dir, 'history.db');
    writeFileSync(file, 'not a database at all, just text '.repeat(200));
    expect(() => openHistory(file, { create: true })).toThrow(ConfigError);
  });

  it('refuses a store written by a newer scale-audit and leaves it as it was', () => {
    const file = join(dir, 'history.db');
    const db = new Database(file);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = readFileSync(file);
    expect(() => openHistory(file, { create: true })).toThrow(/newer scale-audit/);
    expect(readFileSync(file).equals(before)).toBe(true);
  });
});

describe('two processes recording at once', () => {
  it('keeps every row of both (WAL and a busy timeout)', async () => {
    const file = join(dir, 'history.db');
    const resultFile = join(dir, 'run.json');
    writeFileSync(resultFile, JSON.stringify(buildRunResult({ seed: 1, seconds: 3 })));
    openHistory(file, { create: true }).close();
    const record = pathToFileURL(join(process.cwd(), 'dist/src/history/record.js')).href;
    const script = `import { readFileSync } from 'node:fs';
      const { recordRun } = await import(${JSON.stringify(record)});
      const result = JSON.parse(readFileSync(process.argv[1], 'utf8'));
      for (let i = 0; i < 40; i++) recordRun(result, { file: process.argv[2], kind: 'run', label: process.argv[3] });`;
    const writer = (label: string): Promise<number | null> =>
      new Promise((resolve) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script, resultFile, file, label], {
          stdio: ['ignore', 'ignore', 'inherit'],
          env: { ...process.env, ...env },
        });
        child.on('close', resolve);
      });
    const codes = await Promise.all([writer('a'), writer('b')]);
    expect(codes).toEqual([0, 0]);
    const rows = withHistory(file, false, (s) => listRuns(s));
    expect(rows.filter((r) => r.label === 'a')).toHaveLength(40);
    expect(rows.filter((r) => r.label === 'b')).toHaveLength(40);
    expect(new Set(rows.map((r) => r.id)).size).toBe(80);
  });
});
