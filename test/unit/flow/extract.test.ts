import { describe, expect, it } from 'vitest';
import { compileExtractor, extract, parseJsonPath } from '../../../src/flow/extract.js';

const input = {
  headers: { location: '/orders/12/', 'x-many': ['a', 'b'] },
  body: JSON.stringify({ order_id: 12, data: { items: [{ id: 'x1' }], empty: '' } }),
  cookie: (name: string) => (name === 'sessionid' ? 'abc' : undefined),
};

describe('extractors', () => {
  it('take a json path, a regex group, a header and a cookie', () => {
    expect(extract(compileExtractor('a', { json: 'order_id' }, 'e'), input)).toBe('12');
    expect(extract(compileExtractor('a', { json: '$.data.items[0].id' }, 'e'), input)).toBe('x1');
    expect(extract(compileExtractor('a', { regex: '"id":"(\\w+)"' }, 'e'), input)).toBe('x1');
    expect(extract(compileExtractor('a', { header: 'Location' }, 'e'), input)).toBe('/orders/12/');
    expect(extract(compileExtractor('a', { header: 'x-many' }, 'e'), input)).toBe('a');
    expect(extract(compileExtractor('a', { cookie: 'sessionid' }, 'e'), input)).toBe('abc');
  });

  it('give undefined for a missing or empty value, and for a body that is not JSON', () => {
    expect(extract(compileExtractor('a', { json: 'data.items[3].id' }, 'e'), input)).toBeUndefined();
    expect(extract(compileExtractor('a', { json: 'data.empty' }, 'e'), input)).toBeUndefined();
    expect(extract(compileExtractor('a', { json: 'order_id' }, 'e'), { ...input, body: '<html>' })).toBeUndefined();
    expect(extract(compileExtractor('a', { regex: 'nope(\\d+)' }, 'e'), input)).toBeUndefined();
    expect(extract(compileExtractor('a', { cookie: 'csrftoken' }, 'e'), input)).toBeUndefined();
  });

  it('reject a bad path or regex at config time, with the field', () => {
    expect(parseJsonPath('a.b[0].c', 'e')).toEqual(['a', 'b', 0, 'c']);
    expect(() => parseJsonPath('a..b', 'x.extract.id')).toThrow(/x\.extract\.id\.json: expected a JSON path/);
    expect(() => compileExtractor('a', { regex: '(' }, 'x')).toThrow(/x\.regex: not a valid regular expression/);
  });
});
