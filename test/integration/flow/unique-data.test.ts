import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src/result/run-result.js';
import { runCli } from '../../support/cli.js';
import { startShopServer, type ShopServer } from '../../support/shop-server.js';

const USERS = 80;
let shop: ShopServer;
let dir: string;

beforeAll(async () => {
  shop = await startShopServer();
  dir = mkdtempSync(join(tmpdir(), 'flows-unique-'));
  const rows = Array.from({ length: USERS }, (_, i) => `u${i},pw-u${i}`);
  // A relative data path: resolved against the config file's folder, not the working directory.
  writeFileSync(join(dir, 'users.csv'), `username,password\n${rows.join('\n')}\n`);
  writeFileSync(
    join(dir, 'login.yml'),
    [
      `target: ${shop.url}`,
      'data: { users: { csv: users.csv, mode: unique } }',
      'flows:',
      '  - name: login',
      '    csrf: django',
      '    steps:',
      '      - { name: page, path: /accounts/login/ }',
      '      - name: submit',
      '        method: POST',
      '        path: /accounts/login/',
      '        form: { username: "{{users.username}}", password: "{{users.password}}" }',
      '        expect: [302]',
      'load: { connections: 4, duration: 60s }',
      '',
    ].join('\n'),
  );
});
afterAll(() => shop.close());

describe('a unique data set across 2 shards of 2 workers each', () => {
  it('hands every row out once, then ends the load cleanly (exit 0, not partial, said in the summary)', async () => {
    const shard = (i: number) =>
      runCli(
        [
          'run',
          '--config',
          join(dir, 'login.yml'),
          '--shard',
          `${i}/2`,
          '--workers',
          '2',
          '--out',
          join(dir, `s${i}.json`),
        ],
        {
          cwd: tmpdir(),
          timeoutMs: 50_000,
        },
      );
    const runs = await Promise.all([shard(1), shard(2)]);
    for (const r of runs) {
      expect(r.stderr).not.toMatch(/error/i);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/The load ended early at [\d.]+ s: data set users ran out of unique rows/);
    }
    const stats = await shop.stats();
    expect(Object.keys(stats.logins)).toHaveLength(USERS);
    expect(Object.values(stats.logins).every((n) => n === 1)).toBe(true);
    expect(stats.csrfFailures).toEqual({});

    const shards = [1, 2].map((i) => JSON.parse(readFileSync(join(dir, `s${i}.json`), 'utf8')) as RunResult);
    for (const s of shards) {
      expect(s.partial).toBe(false);
      expect(s.plan.workers).toBe(2);
      expect(s.ended_early).toMatch(/data set users ran out/);
      expect(s.duration_s).toBeLessThan(30);
    }
    const merged = join(dir, 'run.json');
    const m = await runCli(['merge', join(dir, 's1.json'), join(dir, 's2.json'), '-o', merged, '--quiet']);
    expect(m.code).toBe(0);
    const run = JSON.parse(readFileSync(merged, 'utf8')) as RunResult;
    expect(run.flows!.login).toMatchObject({ iterations: USERS, completed: USERS, failed: 0 });
    expect(run.data!.users).toEqual({ mode: 'unique', rows: USERS, used: USERS, exhausted: true });
    expect(run.endpoints['login/submit']!.summary.requests).toBe(USERS);
  }, 90_000);
});
