import { describe, expect, it } from 'vitest';
import { formatPlan } from '../../../src/commands/dry-run.js';
import { validateConfig } from '../../../src/config/load.js';

describe('the dry run', () => {
  it('says warmup 0 s when there is none', () => {
    const plan = formatPlan(validateConfig({ target: 'http://127.0.0.1:8000', endpoints: [{ path: '/' }] }));
    expect(plan).toContain('duration    30s (+ warmup 0 s)');
    expect(plan).not.toContain('µs');
  });

  it('shows flows as flows: their steps in order, not as endpoints with weight 1', () => {
    const config = validateConfig({
      target: 'http://127.0.0.1:8000',
      load: { rate: 10, duration: '10s' },
      endpoints: [{ name: 'home', path: '/', weight: 6 }],
      flows: [
        {
          name: 'buy',
          weight: 2,
          csrf: 'django',
          steps: [
            { name: 'login-page', path: '/accounts/login/' },
            { name: 'login', method: 'POST', path: '/accounts/login/', form: { u: '{{iteration}}' } },
            { name: 'order', path: '/orders/{{iteration}}/' },
          ],
        },
      ],
    });
    const lines = formatPlan(config).split('\n');
    const from = lines.indexOf('endpoints');
    expect(lines.slice(from, from + 6)).toEqual([
      'endpoints',
      '  GET    /  weight 6  (home)',
      'flow        buy  weight 2  csrf: django  3 steps in order',
      '  GET    /accounts/login/  (login-page)',
      '  POST   /accounts/login/  (login)',
      '  GET    /orders/{{iteration}}/  (order)',
    ]);
    expect(lines.filter((l) => /weight 1\b/.test(l))).toEqual([]);
  });
});
