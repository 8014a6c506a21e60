import { describe, expect, it } from 'vitest';
import { capacitySettings } from '../../../src/capacity/settings.js';
import { validateConfig } from '../../../src/config/load.js';
import { ConfigError } from '../../../src/errors.js';

const settings = (extra: Record<string, unknown>) =>
  capacitySettings(validateConfig({ target: 'http://127.0.0.1:1', ...extra }));

describe('capacitySettings', () => {
  it('defaults: from 50 to 5000 req/s, 20 s steps, 5 s settle and cooldown, 40 s confirmation, 5 %', () => {
    expect(settings({})).toEqual({
      search: { start: 50, ceiling: 5000, ceilingBy: 'max', precision: 0.05, confirm: true },
      stepMs: 20_000,
      settleMs: 5000,
      cooldownMs: 5000,
      confirmMs: 40_000,
    });
  });

  it('limits.max_rate below --max is the ceiling, and says so', () => {
    expect(settings({ limits: { max_rate: 300 } }).search).toMatchObject({
      ceiling: 300,
      ceilingBy: 'limits.max_rate',
    });
    expect(settings({ limits: { max_rate: 9000 } }).search).toMatchObject({ ceiling: 5000, ceilingBy: 'max' });
  });

  it('reads the capacity words; confirm 0 turns the confirmation off', () => {
    const s = settings({ capacity: { start: 10, max: 200, step: '2s', confirm: 0, precision: '10%' } });
    expect(s).toMatchObject({ stepMs: 2000, settleMs: 1000, cooldownMs: 1000, confirmMs: 0 });
    expect(s.search).toMatchObject({ start: 10, ceiling: 200, precision: 0.1, confirm: false });
  });

  it('a bad word is a config error naming the field', () => {
    expect(() => settings({ capacity: { precision: '0%' } })).toThrow(ConfigError);
    expect(() => settings({ capacity: { precision: '0%' } })).toThrow(/capacity\.precision/);
    expect(() => settings({ capacity: { start: -1 } })).toThrow(/capacity\.start/);
  });
});
