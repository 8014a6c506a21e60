import { describe, expect, it } from 'vitest';
import { renameEndpoints, resolveEndpointMap } from '../../../src/compare/endpoint-map.js';
import { buildRunResult } from '../../support/result-builder.js';

const before = buildRunResult({ seed: 1, seconds: 2, endpoints: [{ name: 'GET /search?q=a', path: '/search?q=a' }] });
const after = buildRunResult({ seed: 2, seconds: 2, endpoints: [{ name: 'find', path: '/find' }] });

describe('resolveEndpointMap', () => {
  it('splits at the "=" that names an endpoint on each side, even when a name holds "="', () => {
    expect(resolveEndpointMap(['GET /search?q=a=find'], before, after)).toEqual({ 'GET /search?q=a': 'find' });
  });

  it('names both runs’ endpoints when a pair matches none', () => {
    expect(() => resolveEndpointMap(['search=find'], before, after)).toThrow(
      /--map search=find: .*before run \(GET \/search\?q=a\).*after run \(find\)/,
    );
  });
});

describe('renameEndpoints', () => {
  it('gives the before run the after names, in its endpoints and its plan', () => {
    const renamed = renameEndpoints(before, { 'GET /search?q=a': 'find' });
    expect(Object.keys(renamed.endpoints)).toEqual(['find']);
    expect(renamed.endpoints.find!.name).toBe('find');
    expect(renamed.plan.endpoints.map((e) => e.name)).toEqual(['find']);
    expect(Object.keys(before.endpoints)).toEqual(['GET /search?q=a']);
  });
});
