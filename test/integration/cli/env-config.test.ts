/**
 * A config that keeps its secrets in environment variables, as CI does: the run resolves them, every output and
 * stored file (reports, run.json, the history database) masks them, the dry run names them, and a missing one
 * stops the run with exit 2 before any request.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, type Dirent } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../support/cli.js';
import { startRedisServer, type RedisServer } from '../../support/redis-server.js';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';

const REDIS_PASSWORD = 'rds-Pw-4417';
const API_TOKEN = 'tok-3b9e-SECRET';
const CONFIG = `
target: \${TARGET}
headers:
  Authorization: Bearer \${API_TOKEN}
endpoints: [{ path: /fast }]
load: { rate: 10, duration: 1s }
sources:
  redis: ["redis://:\${REDIS_PASSWORD}@127.0.0.1:\${REDIS_PORT:-6379}/0"]
`;
let redis: RedisServer;
let target: TargetServer;
let dir: string;
let env: Record<string, string>;

beforeAll(async () => {
  redis = await startRedisServer({ password: REDIS_PASSWORD });
  target = await startTargetServer();
  dir = mkdtempSync(join(tmpdir(), 'scale-audit-env-'));
  writeFileSync(join(dir, 'scale-audit.yml'), CONFIG);
  env = { TARGET: target.url, API_TOKEN, REDIS_PASSWORD, REDIS_PORT: String(redis.port) };
}, 60_000);

afterAll(async () => {
  await redis?.stop();
  await target?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('secrets from the environment', () => {
  it('are used, and appear in no output or stored file', async () => {
    const outputs: string[] = [];
    const cli = async (args: string[]) => {
      const r = await runCli(args, { cwd: dir, env, timeoutMs: 60_000 });
      outputs.push(r.stdout, r.stderr);
      return r;
    };
    const run = await cli(['run', '--out', 'run.json', '--format', 'html', '--report-out', 'r.html']);
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code).toBe(0);
    for (const format of ['md', 'junit', 'json', 'terminal'])
      await cli(['report', 'run.json', '--format', format, '--out', `r.${format}`]);
    const dry = await cli(['run', '--dry-run']);
    expect(dry.stdout).toContain(`redis     redis://:\${REDIS_PASSWORD}@127.0.0.1:${redis.port}/0`);

    const result = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { sources: { redis?: unknown } };
    expect(result.sources.redis).toBeDefined(); // the password from the environment opened the Redis
    expect((await target.stats()).count).toBeGreaterThan(0);
    const files = (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
      .filter((e) => e.isFile() && e.name !== 'scale-audit.yml')
      .map((e) => relative(dir, join(e.parentPath, e.name)));
    expect(files).toEqual(expect.arrayContaining(['run.json', 'r.html', 'r.md', '.scale-audit/history.db']));
    const everything = [...outputs, ...files.map((f) => readFileSync(join(dir, f), 'latin1'))].join('\n');
    expect(everything).toContain('/fast');
    expect(everything).not.toContain(REDIS_PASSWORD);
    expect(everything).not.toContain(API_TOKEN);
  }, 120_000);

  it('stops with exit 2 naming the variable and its path when one is not set, before any load', async () => {
    await target.reset();
    const { API_TOKEN: _, ...without } = env;
    const unset = await runCli(['run', '--out', 'missing.json', '--no-history'], { cwd: dir, env: without });
    expect(unset.code).toBe(2);
    expect(unset.stderr).toContain('headers.Authorization: environment variable API_TOKEN is not set');
    expect((await target.stats()).count).toBe(0);
  }, 120_000);
});
