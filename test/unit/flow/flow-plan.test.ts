import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/load.js';
import type { ConfigInput } from '../../../src/config/schema.js';
import { prepareFlows } from '../../../src/flow/flow-plan.js';
import { renderTemplate } from '../../../src/flow/template.js';
import { ConfigError } from '../../../src/errors.js';

const config = (steps: unknown[], extra: Partial<ConfigInput> = {}) =>
  validateConfig({ target: 'http://127.0.0.1:9/base/', flows: [{ name: 'buy', steps }], ...extra } as ConfigInput);
const render = { vars: new Map([['order_id', '5']]), rows: new Map(), iteration: 0, vu: 1, random: Math.random };

describe('prepareFlows', () => {
  it('compiles each step once: endpoint name and index, base path, form body and its content type', () => {
    const { flows } = prepareFlows(
      config([
        { name: 'login', method: 'post', path: '/login/', form: { user: 'a b', n: 1 } },
        { name: 'pay', method: 'POST', path: '/pay/', json: { id: 1 }, extract: { order_id: { json: 'id' } } },
        { name: 'order', path: '/orders/{{order_id}}/' },
      ]),
      2,
    );
    const [login, pay, order] = flows[0]!.steps;
    expect(login).toMatchObject({ name: 'buy/login', endpoint: 2, method: 'POST', origin: 'http://127.0.0.1:9' });
    expect(renderTemplate(login!.body!, render)).toBe('user=a+b&n=1');
    expect(login!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(pay!.keepBody).toBeGreaterThanOrEqual(1024 * 1024);
    expect(renderTemplate(order!.path, render)).toBe('/base/orders/5/');
    expect(order!.endpoint).toBe(4);
  });

  it('an unknown variable — or one extracted only later — is a config error naming the step’s field', () => {
    const later = config([
      { name: 'order', path: '/orders/{{order_id}}/' },
      { name: 'pay', method: 'POST', path: '/pay/', extract: { order_id: { json: 'id' } } },
    ]);
    expect(() => prepareFlows(later, 0)).toThrow(ConfigError);
    expect(() => prepareFlows(later, 0)).toThrow(/^flows\[0\]\.steps\[0\]\.path: unknown variable \{\{order_id\}\}/);
    const header = config([{ name: 'a', path: '/', headers: { 'X-User': '{{users.name}}' } }]);
    expect(() => prepareFlows(header, 0)).toThrow(/flows\[0\]\.steps\[0\]\.headers\.x-user: unknown variable/);
  });

  it('refuses a step name used twice and an extracted name that shadows a built-in', () => {
    expect(() =>
      prepareFlows(
        config([
          { name: 'a', path: '/' },
          { name: 'a', path: '/' },
        ]),
        0,
      ),
    ).toThrow(/used twice/);
    const shadow = config([{ name: 'a', path: '/', extract: { uuid: { header: 'x' } } }]);
    expect(() => prepareFlows(shadow, 0)).toThrow(/steps\[0\]\.extract\.uuid: a built-in/);
  });

  it('the schema says which of form, json or body to keep', () => {
    expect(() => config([{ name: 'a', method: 'POST', path: '/', form: { a: 1 }, json: {} }])).toThrow(
      /set only one of form, json or body/,
    );
  });
});
