import { describe, expect, it } from 'vitest';
import { compileTemplate, displayTemplate, renderTemplate, type RenderContext } from '../../../src/flow/template.js';

const scope = { vars: new Set(['order_id']), data: new Map([['users', ['username', 'password']]]) };
const ctx = (vars: Record<string, string> = {}): RenderContext => ({
  vars: new Map(Object.entries(vars)),
  rows: new Map([['users', ['a b&c', 's3cr3t"']]]),
  iteration: 41,
  vu: 3,
  random: () => 0.999,
});

describe('templates', () => {
  it('renders variables, data columns and built-ins, encoded for where they land', () => {
    const path = compileTemplate('/orders/{{ order_id }}/?u={{users.username}}&i={{iteration}}', 'url', scope, 'p');
    expect(renderTemplate(path, ctx({ order_id: '7/8' }))).toBe('/orders/7%2F8/?u=a%20b%26c&i=41');
    const json = compileTemplate(JSON.stringify({ p: '{{users.password}}', v: '{{vu}}' }), 'json', scope, 'j');
    expect(JSON.parse(renderTemplate(json, ctx())!)).toEqual({ p: 's3cr3t"', v: '3' });
    const header = compileTemplate('{{random_int(1,5)}}-{{uuid}}', 'raw', scope, 'h');
    expect(renderTemplate(header, ctx())).toMatch(/^5-[0-9a-f-]{36}$/);
  });

  it('says which name is unknown and where, naming what a step can use', () => {
    expect(() => compileTemplate('/x/{{order}}', 'url', scope, 'flows[0].steps[2].path')).toThrow(
      /flows\[0\]\.steps\[2\]\.path: unknown variable \{\{order\}\}: extracted by earlier steps: order_id/,
    );
    expect(() => compileTemplate('{{users.email}}', 'raw', scope, 'h')).toThrow(/data set users has the columns/);
    expect(() => compileTemplate('{{random_int(5,1)}}', 'raw', scope, 'h')).toThrow(/lower bound/);
  });

  it('gives undefined, never an empty string, for a variable without a value', () => {
    expect(renderTemplate(compileTemplate('/o/{{order_id}}', 'url', scope, 'p'), ctx())).toBeUndefined();
  });

  it('masks secret references for display', () => {
    const t = compileTemplate('/o/{{order_id}}/{{iteration}}', 'url', scope, 'p');
    expect(displayTemplate(t, ctx({ order_id: '99' }), (r) => r.kind === 'var')).toBe('/o/***/41');
  });
});
