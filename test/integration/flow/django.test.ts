import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../../../src/config/schema.js';
import { runEngine } from '../../support/run-engine.js';
import { startDjangoShop, type DjangoShop } from '../../support/django-shop.js';

let shop: DjangoShop;
beforeAll(async () => {
  shop = await startDjangoShop();
}, 30_000);
afterAll(() => shop.close());

const buy = (csrf: boolean): ConfigInput => ({
  target: shop.url,
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
          form: { username: 'vu{{vu}}', password: 'pw-vu{{vu}}' },
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
  load: { connections: 2, duration: '2s' },
});

describe('a flow against Django itself (CsrfViewMiddleware, signed-cookie sessions)', () => {
  it('with csrf: django every iteration completes: token rotated at login, sessions kept apart', async () => {
    const before = await shop.stats();
    const outcome = await runEngine(buy(true));
    const after = await shop.stats();
    const [flow] = outcome.flows!;
    expect(flow!.completed).toBeGreaterThan(3);
    expect(flow!.failed).toBe(0);
    expect(outcome.summary.errors).toBe(0);
    expect(after.csrfFailures).toEqual(before.csrfFailures);
    expect(after.orders - before.orders).toBe(flow!.completed);
    expect(Object.keys(after.logins).sort()).toEqual(['vu1', 'vu2']);
  }, 30_000);

  it('without it Django rejects the login with class csrf and its own reason', async () => {
    const before = await shop.stats();
    const outcome = await runEngine(buy(false));
    const after = await shop.stats();
    const [flow] = outcome.flows!;
    expect(flow!.completed).toBe(0);
    expect(flow!.failed_at).toEqual({ login: flow!.failed });
    expect(flow!.failed_by_class).toEqual({ csrf: flow!.failed });
    const reasons = Object.keys(after.csrfFailures).filter((r) => after.csrfFailures[r] !== before.csrfFailures[r]);
    expect(reasons).toEqual(['CSRF token missing or incorrect.']);
  }, 30_000);
});
