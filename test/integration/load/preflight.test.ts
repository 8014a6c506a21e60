/**
 * The reachability check before any load, against real servers on loopback: a target too slow to answer the
 * preflight exits 3 with "timed out" (an AbortSignal.timeout error carries a numeric code, issue #13 item 11).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkReachable } from '../../../src/load/preflight.js';
import { prepareEndpoints } from '../../../src/load/endpoints.js';
import { validateConfig } from '../../../src/config/load.js';
import { runCli } from '../../support/cli.js';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';
import { freePort } from '../../support/ports.js';

let target: TargetServer;

beforeAll(async () => {
  target = await startTargetServer();
});

afterAll(async () => {
  await target?.close();
});

const endpointsFor = (url: string, path = '/') =>
  prepareEndpoints(validateConfig({ target: url, endpoints: [{ path }] }));

describe('preflight against a target that does not answer in time', () => {
  it('says "timed out" and is an exit-3 error, never a crash', async () => {
    const error = await checkReachable(endpointsFor(target.url, '/hang'), 300).catch((e: unknown) => e);
    expect(error).toMatchObject({ exitCode: 3 });
    expect((error as Error).message).toMatch(/^target http:\/\/127\.0\.0\.1:\d+\/hang is unreachable: timed out$/);
  });

  it('exits 3 with "timed out" from the CLI, before any load is sent', async () => {
    await target.reset();
    const args = ['--target', target.url, '--path', '/hang', '--rate', '5', '--duration', '1s', '--timeout', '1s'];
    const r = await runCli(['run', ...args]);
    expect(r.stderr).not.toMatch(/internal error/);
    expect(r.stderr).toMatch(/unreachable: timed out/);
    expect(r.code).toBe(3);
    expect((await target.stats()).count).toBe(1);
  });

  it('still names a refused connection', async () => {
    const port = await freePort();
    await expect(checkReachable(endpointsFor(`http://127.0.0.1:${port}/`), 1000)).rejects.toThrow(
      /unreachable: connection refused/,
    );
  });
});
