import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../../src/config/schema.js';
import { runEngine } from '../../support/run-engine.js';
import { startShopServer, type ShopServer } from '../../support/shop-server.js';

let shop: ShopServer;
let dir: string;

beforeAll(async () => {
  shop = await startShopServer();
  dir = mkdtempSync(join(tmpdir(), 'flows-'));
  const rows = Array.from({ length: 200 }, (_, i) => `user${i},pw-user${i}`);
  writeFileSync(join(dir, 'users.csv'), `username,password\n${rows.join('\n')}\n`);
});
afterAll(() => shop.close());
beforeEach(() => shop.reset());

function buyFlow(csrf: boolean): ConfigInput {
  return {
    target: shop.url,
    data: { users: { csv: join(dir, 'users.csv'), mode: 'circular' } },
    flows: [
      {
        name: 'buy',
        ...(csrf ? { csrf: 'django' as const } : {}),
        steps: [
          { name: 'login-page', path: '/accounts/login/' },
          {
            name: 'login',
            method: 'POST',
            path: '/accounts/login/',
            form: { username: '{{users.username}}', password: '{{users.password}}' },
            expect: [302],
          },
          { name: 'add', method: 'POST', path: '/cart/add/', json: { product_id: 7, quantity: 2 } },
          {
            name: 'checkout',
            method: 'POST',
            path: '/checkout/',
            expect: [201],
            extract: { order_id: { json: 'order_id' } },
          },
          { name: 'order', path: '/orders/{{order_id}}/' },
        ],
      },
    ],
    load: { connections: 4, duration: '1s' },
  };
}

describe('a flow against a shop applying Django’s CSRF rule', () => {
  it('with csrf: django completes every iteration, as the server counts them', async () => {
    const outcome = await runEngine(buyFlow(true));
    const stats = await shop.stats();
    const [buy] = outcome.flows!;
    expect(buy!.failed).toBe(0);
    expect(buy!.completed).toBeGreaterThan(10);
    expect(stats.csrfFailures).toEqual({});
    expect(outcome.summary.errors).toBe(0);
    // Each order page needs the session that placed the order: 4 concurrent users never shared cookies.
    // Warmup is 0, so every iteration the server finished is one the engine counted (the last may be cut).
    expect(stats.orders).toBeGreaterThanOrEqual(buy!.completed);
    expect(stats.orders - buy!.completed).toBeLessThanOrEqual(4);
  });

  it('without it fails at the first unsafe step with class csrf and Django’s reason', async () => {
    const outcome = await runEngine(buyFlow(false));
    const [buy] = outcome.flows!;
    expect(buy!.completed).toBe(0);
    expect(buy!.failed).toBeGreaterThan(0);
    expect(buy!.failed_at).toEqual({ login: buy!.failed });
    expect(buy!.failed_by_class).toEqual({ csrf: buy!.failed });
    expect(outcome.summary.errors_by_class.csrf).toBe(buy!.failed);
    expect(Object.keys((await shop.stats()).csrfFailures)).toEqual(['CSRF token missing.']);
  });

  it('a value not in the response fails the iteration with class extract; later steps are never sent', async () => {
    const config = buyFlow(true);
    const steps = config.flows![0]!.steps;
    steps[3] = { ...steps[3]!, extract: { order_id: { json: 'order.id' } } };
    const outcome = await runEngine(config);
    const [buy] = outcome.flows!;
    const stats = await shop.stats();
    expect(buy!.completed).toBe(0);
    expect(buy!.failed_at).toEqual({ checkout: buy!.failed });
    expect(buy!.failed_by_class).toEqual({ extract: buy!.failed });
    expect(stats.checkouts).toBeGreaterThanOrEqual(buy!.failed);
    expect(Object.keys(stats.byPath).some((p) => p.startsWith('/orders/'))).toBe(false);
    expect(outcome.endpoints[3]!.summary.errors_by_class.extract).toBe(buy!.failed);
  });
});
