import { describe, expect, it } from 'vitest';
import { resolveMinRate } from '../../../src/capacity/min-rate.js';
import { ConfigError } from '../../../src/errors.js';
import { buildRunResult } from '../../support/result-builder.js';

describe('resolveMinRate', () => {
  const run = buildRunResult({ seed: 1, seconds: 2, rps: 300 });

  it('a number is the rate', () => {
    expect(resolveMinRate(2000)).toBe(2000);
    expect(resolveMinRate(undefined)).toBeUndefined();
  });

  it('"6x" multiplies the throughput a stored run achieved (the 6× TV spike)', () => {
    expect(resolveMinRate('6x', run)).toBe(1800);
    expect(resolveMinRate('1.5X', run)).toBe(450);
  });

  it("of a stored search, it multiplies that search's capacity", () => {
    const search = { ...run, capacity: { max_rate: 140 } } as unknown as typeof run;
    expect(resolveMinRate('2x', search)).toBe(280);
  });

  it('a multiple without a baseline is a config error', () => {
    expect(() => resolveMinRate('6x')).toThrow(ConfigError);
    expect(() => resolveMinRate('6x')).toThrow(/--baseline/);
  });
});
