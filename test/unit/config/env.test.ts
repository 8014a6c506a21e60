// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} in plain strings is the syntax under test
import { describe, expect, it } from 'vitest';
import { resolveEnv } from '../../../src/config/env.js';
import { ConfigError } from '../../../src/errors.js';

const env = { HOST: 'db.internal', PASSWORD: 's3cr-et', EMPTY: '' };
const failure = (input: unknown): string => {
  try {
    resolveEnv(input, env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('environment variables in the config', () => {
  it('replaces a present variable inside a string and records where it stood', () => {
    const { value, uses } = resolveEnv(
      { sources: { postgres: { primary: 'postgres://u:${PASSWORD}@${HOST}/app' } } },
      env,
    );
    expect(value).toEqual({ sources: { postgres: { primary: 'postgres://u:s3cr-et@db.internal/app' } } });
    expect(uses.map((u) => [u.path.join('.'), u.name, u.value])).toEqual([
      ['sources.postgres.primary', 'PASSWORD', 's3cr-et'],
      ['sources.postgres.primary', 'HOST', 'db.internal'],
    ]);
    expect(uses[0]!.text).toBe('postgres://u:s3cr-et@db.internal/app');
  });

  it('takes the default when the variable is unset or empty, and not when it is set', () => {
    const { value, uses } = resolveEnv(['${NOPE:-a b}', '${EMPTY:-fallback}', '${HOST:-other}', '${NOPE:-}'], env);
    expect(value).toEqual(['a b', 'fallback', 'db.internal', '']);
    expect(uses.map((u) => u.name)).toEqual(['HOST']);
  });

  it('keeps an empty variable as empty with the plain form', () => {
    expect(resolveEnv({ label: 'x${EMPTY}y' }, env).value).toEqual({ label: 'xy' });
  });

  it('exits 2 naming the variable and its config path when one is missing without a default', () => {
    expect(failure({ endpoints: [{ path: '/a' }, { headers: { Authorization: 'Bearer ${API_TOKEN}' } }] })).toBe(
      'endpoints[1].headers.Authorization: environment variable API_TOKEN is not set ' +
        '(set it, or give the reference a default: ${VAR:-default})',
    );
  });

  it('says the message of ${VAR:?message} when it is unset or empty', () => {
    expect(failure({ target: '${TARGET:?the staging URL}' })).toBe('target: TARGET is not set: the staging URL');
    expect(failure({ target: '${EMPTY:?}' })).toBe('target: EMPTY is not set: required');
    expect(resolveEnv({ target: '${HOST:?needed}' }, env).value).toEqual({ target: 'db.internal' });
  });

  it('writes $$ as one literal $, so ${...} can be written as text', () => {
    expect(resolveEnv({ run: 'echo $$HOME costs $$5 and $${HOST}' }, env).value).toEqual({
      run: 'echo $HOME costs $5 and ${HOST}',
    });
    expect(resolveEnv({ price: 'a lone $ stays' }, env).value).toEqual({ price: 'a lone $ stays' });
  });

  it('resolves nested in lists and mappings, leaving keys and non-strings as written', () => {
    const input = { sources: { redis: ['redis://${HOST}:6379/0', 'redis://${HOST}:6380/1'] }, load: { rate: 5 } };
    const { value, uses } = resolveEnv({ ...input, checks: { '${HOST}': { warn: true } } }, env);
    expect(value).toEqual({
      sources: { redis: ['redis://db.internal:6379/0', 'redis://db.internal:6380/1'] },
      load: { rate: 5 },
      checks: { '${HOST}': { warn: true } },
    });
    expect(uses.map((u) => u.path)).toEqual([
      ['sources', 'redis', 0],
      ['sources', 'redis', 1],
    ]);
  });

  it('refuses a malformed reference with its path', () => {
    expect(failure({ flows: [{ steps: [{ path: '/x/${HOST' }] }] })).toBe(
      'flows[0].steps[0].path: unterminated "${" (write $$ for a literal $)',
    );
    expect(failure({ target: '${1X}' })).toBe('target: "${1X}" is not ${NAME}, ${NAME:-default} or ${NAME:?message}');
  });
});
