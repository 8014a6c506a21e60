import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, validateConfig } from '../../../src/config/load.js';
import { ConfigError } from '../../../src/errors.js';

/** Either a valid config or a ConfigError with "path: message" lines — never another exception. */
function outcome(run: () => unknown): 'ok' | 'config-error' {
  try {
    run();
    return 'ok';
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    expect(err.message.length).toBeGreaterThan(0);
    expect(err.message).not.toMatch(/\n\s+at /); // no stack trace
    return 'config-error';
  }
}

const field = fc.constantFrom(
  'target',
  'headers',
  'endpoints',
  'load',
  'slo',
  'budgets',
  'sources',
  'edge',
  'drill',
  'abort_on',
  'limits',
  'checks',
  'profile',
  'nonsense',
);
const loadField = fc.constantFrom(
  'rate',
  'connections',
  'stages',
  'duration',
  'warmup',
  'timeout',
  'max_in_flight',
  'think',
  'seed',
  'pool',
);

describe('config loader under fuzzing', () => {
  it('arbitrary JSON values give a config or a ConfigError', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => void outcome(() => validateConfig(value))),
      { numRuns: 500 },
    );
  });

  it('configs with plausible keys and hostile values give a config or a ConfigError', () => {
    const hostile = fc.oneof(
      fc.jsonValue(),
      fc.string(),
      fc.double(),
      fc.constantFrom('30s', '-1s', '1%', 'NaN', '1e309', '', '__proto__'),
    );
    const config = fc.dictionary(
      field,
      fc.oneof(
        hostile,
        fc.dictionary(loadField, hostile),
        fc.array(fc.dictionary(fc.string(), hostile), { maxLength: 3 }),
      ),
    );
    fc.assert(
      fc.property(config, (value) => void outcome(() => validateConfig({ target: 'http://127.0.0.1:1', ...value }))),
      { numRuns: 500 },
    );
  });

  it('arbitrary file contents give a config or a ConfigError', () => {
    const dir = mkdtempSync(join(tmpdir(), 'scale-audit-fuzz-'));
    const file = join(dir, 'c.yml');
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        writeFileSync(file, text);
        outcome(() => loadConfig(file));
      }),
      { numRuns: 300 },
    );
  });
});
