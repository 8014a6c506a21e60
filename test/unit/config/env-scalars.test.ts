// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} in plain strings is the syntax under test
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveEnv } from '../../../src/config/env.js';
import { typeWholeReferences } from '../../../src/config/env-scalars.js';
import { loadConfig } from '../../../src/config/load.js';

const file = (text: string): string => {
  const path = join(mkdtempSync(join(tmpdir(), 'env-scalars-')), 'scale-audit.yml');
  writeFileSync(path, text);
  return path;
};

describe('a whole ${VAR} where the config takes a number or true/false', () => {
  it('is read as one there, and stays text where text is taken', () => {
    const config = loadConfig(
      file(
        [
          'target: http://127.0.0.1:8000',
          'headers: { X-Build: "${BUILD}" }',
          'load: { rate: "${RATE:-50}", duration: "${DURATION}", max_in_flight: "${IN_FLIGHT}" }',
          'insecure: "${INSECURE}"',
          'sources: { redis: [redis://127.0.0.1:6379/0], sessions: "${SESSIONS}" }',
        ].join('\n'),
      ),
      {},
      { BUILD: '12345', DURATION: '90', IN_FLIGHT: '200', INSECURE: 'true', SESSIONS: 'false' },
    );
    expect(config.load).toMatchObject({ rate: 50, duration: 90_000, max_in_flight: 200 });
    expect(config.insecure).toBe(true);
    expect(config.sources.sessions).toBe(false);
    expect(config.headers).toEqual({ 'X-Build': '12345' });
  });

  it('is left as text when it is not a number, so validation names it', () => {
    expect(() => loadConfig(file('target: http://x\nload: { rate: "${RATE}" }'), {}, { RATE: 'fast' })).toThrow(
      'load.rate: expected a positive number, got "fast"',
    );
  });

  it('is not touched when the reference is part of a longer string', () => {
    const { value, whole } = resolveEnv({ load: { rate: '${A}${B}' } }, { A: '1', B: '2' });
    expect(typeWholeReferences(value, whole)).toEqual({ load: { rate: '12' } });
  });
});
