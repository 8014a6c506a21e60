/**
 * Redaction against real servers: a Redis whose password is an ordinary word ("redis") and a bearer token that
 * looks generated. The password is masked where it is a credential (the URL's userinfo), never where the word is
 * prose or a name (issue #13: a password equal to an ordinary word was masked everywhere the word appeared);
 * the generated token is masked everywhere, even in a drill command's output.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliResult } from '../../support/cli.js';
import { startRedisServer, type RedisServer } from '../../support/redis-server.js';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';
import type { RunResult } from '../../../src/result/run-result.js';

const WORD_PASSWORD = 'redis';
const TOKEN = 'tok-9f8e7d6c-SECRET';
let redis: RedisServer;
let target: TargetServer;
let dir: string;
let cli: CliResult;
let stored: string;

beforeAll(async () => {
  redis = await startRedisServer({ password: WORD_PASSWORD });
  target = await startTargetServer();
  dir = mkdtempSync(join(tmpdir(), 'scale-audit-redact-'));
  const out = join(dir, 'run.json');
  const args = ['--target', target.url, '--path', '/fast', '--rate', '10', '--duration', '1s', '--out', out];
  cli = await runCli(['run', ...args, '--redis', redis.url(0), '--header', `Authorization: Bearer ${TOKEN}`]);
  stored = readFileSync(out, 'utf8');
}, 60_000);

afterAll(async () => {
  await redis?.stop();
  await target?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('a Redis password that is an ordinary word', () => {
  it('is masked in the URL, and the word "redis" stays readable everywhere else', () => {
    expect(cli.stderr).not.toMatch(/internal error/);
    const result = JSON.parse(stored) as RunResult;
    const source = result.sources.redis!;
    expect(source.kind).toBe('redis');
    expect(source.description).toMatch(/^redis redis:\/\/:\*\*\*@127\.0\.0\.1:\d+\/0 \(INFO stats, SCAN sessions\)$/);
    expect(stored).not.toMatch(/\*\*\*:\/\//);
    expect(stored).not.toContain(`:${WORD_PASSWORD}@`);
    expect(`${cli.stdout}${cli.stderr}`).not.toContain(`:${WORD_PASSWORD}@`);
  });

  it('masks the generated bearer token in every output', () => {
    expect(stored).not.toContain(TOKEN);
    expect(`${cli.stdout}${cli.stderr}`).not.toContain(TOKEN);
    const result = JSON.parse(stored) as RunResult;
    expect(JSON.stringify(result.config)).toMatch(/"Authorization":"\*\*\*"/);
  });
});
