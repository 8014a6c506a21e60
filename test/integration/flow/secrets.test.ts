import { mkdtempSync, readdirSync, readFileSync, writeFileSync, type Dirent } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { startShopServer, type ShopServer } from '../../support/shop-server.js';

const USERS = 20;
const password = (i: number): string => `pw-u${i}`;
let shop: ShopServer;
let dir: string;

beforeAll(async () => {
  shop = await startShopServer();
  dir = mkdtempSync(join(tmpdir(), 'flows-secrets-'));
  const rows = Array.from({ length: USERS }, (_, i) => `u${i},${password(i)}`);
  writeFileSync(join(dir, 'users.csv'), `username,password\n${rows.join('\n')}\n`);
  const config = {
    target: shop.url,
    data: { users: { csv: 'users.csv', mode: 'circular' } },
    flows: [
      {
        name: 'buy',
        csrf: 'django',
        steps: [
          { name: 'page', path: '/accounts/login/' },
          {
            name: 'login',
            method: 'POST',
            path: '/accounts/login/?u={{users.username}}&p={{users.password}}',
            form: { username: '{{users.username}}', password: '{{users.password}}' },
            expect: [302],
          },
          { name: 'add', method: 'POST', path: '/cart/add/', json: { quantity: 1 } },
          {
            name: 'checkout',
            method: 'POST',
            path: '/checkout/',
            expect: [201],
            extract: { order_id: { json: 'order_id' } },
          },
          // Fails on purpose (the order exists, 200 is not 418), so failure output is shown too.
          { name: 'order', path: '/orders/{{order_id}}/', expect: [418] },
        ],
      },
    ],
    load: { connections: 2, duration: '1s' },
    slo: { flows: { buy: { p95: '5s' } } },
  };
  writeFileSync(join(dir, 'shop.json'), JSON.stringify(config));
});
afterAll(() => shop.close());

describe('the secrets of a data set', () => {
  it('appear in no output: stdout, stderr, run.json, the reports, the trace', async () => {
    const outputs: string[] = [];
    const cli = async (args: string[]) => {
      const r = await runCli(args, { cwd: dir, timeoutMs: 60_000 });
      outputs.push(r.stdout, r.stderr);
      return r;
    };
    const run = await cli([
      'run',
      '--config',
      'shop.json',
      '--out',
      'run.json',
      '--format',
      'html',
      '--report-out',
      'r.html',
    ]);
    expect(run.code).toBe(1); // the flow fails at its last step, so the flow gate has no completed iteration
    for (const format of ['md', 'junit', 'json', 'terminal'])
      await cli(['report', 'run.json', '--format', format, '--out', `r.${format}`]);
    const trace = await cli(['run', '--config', 'shop.json', '--trace']);
    expect(trace.code).toBe(1);
    expect(trace.stdout).toContain('✗ order');
    expect(trace.stdout).toContain('/accounts/login/?u=***&p=***');

    // Every stored file, the run history's SQLite database included (read as bytes: a secret is found either way).
    const files = (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
      .filter((e) => e.isFile() && e.name !== 'users.csv' && e.name !== 'shop.json')
      .map((e) => relative(dir, join(e.parentPath, e.name)));
    expect(files).toEqual(
      expect.arrayContaining([
        'run.json',
        'r.html',
        'r.md',
        'r.junit',
        'r.json',
        'r.terminal',
        '.scale-audit/history.db',
      ]),
    );
    const everything = [...outputs, ...files.map((f) => readFileSync(join(dir, f), 'latin1'))].join('\n');
    expect(everything).toContain('buy/checkout');
    for (let i = 0; i < USERS; i++) expect(everything).not.toContain(password(i));
    expect((await shop.stats()).checkouts).toBeGreaterThan(0);
  }, 120_000);
});
