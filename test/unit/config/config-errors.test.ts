import { describe, expect, it } from 'vitest';
import { validateConfig } from '../../../src/config/load.js';
import { ConfigError } from '../../../src/errors.js';

const message = (input: Record<string, unknown>): string => {
  try {
    validateConfig({ target: 'http://127.0.0.1:8000', ...input });
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
};

/** Mistakes people make writing a config, and what the error says to write instead. */
const MISTAKES: [string, Record<string, unknown>, string][] = [
  [
    'postgres written as a list of DSNs',
    { sources: { postgres: ['postgres://db/app'] } },
    'sources.postgres: expected a mapping {primary: DSN, replicas: [DSN], pgbouncer: DSN, top: positive whole ' +
      'number}, got a list',
  ],
  [
    'the Celery broker as a mapping',
    { sources: { queues: { celery_redis: { url: 'redis://broker/0' } } } },
    'sources.queues.celery_redis: expected a redis:// URL, got a mapping {url}',
  ],
  [
    'replicas flattened beside postgres',
    { sources: { postgres_replicas: ['postgres://r/app'] } },
    'sources.postgres_replicas: unknown field, did you mean sources.postgres.replicas?',
  ],
  [
    'a misspelt key',
    { load: { rate: 5, durration: '5s' } },
    'load.durration: unknown field, did you mean load.duration?',
  ],
  [
    'a source at the top level',
    { postgres: { primary: 'postgres://db/app' } },
    'postgres: unknown field, did you mean sources.postgres?',
  ],
  [
    'a key with dashes',
    { load: { 'max-in-flight': 5 } },
    'load.max-in-flight: unknown field, did you mean load.max_in_flight?',
  ],
  ['a key far from any', { load: { zzzz: 1 } }, 'load.zzzz: unknown field'],
  [
    'redis as a mapping',
    { sources: { redis: { url: 'redis://cache/0' } } },
    'sources.redis: expected a redis:// URL or a list [redis:// URL], got a mapping {url}',
  ],
  ['an unknown format', { format: 'pdf' }, 'format: expected one of terminal | json | md | junit | html, got "pdf"'],
  [
    'a duration as a mapping',
    { load: { duration: { seconds: 5 } } },
    'load.duration: expected a duration, got a mapping {seconds}',
  ],
  [
    'endpoints as a mapping',
    { endpoints: { home: '/' } },
    'endpoints: expected a list [{name, method, path, headers, body, json, …}], got a mapping {home}',
  ],
  ['an endpoint without a path', { endpoints: [{ name: 'home' }] }, 'endpoints[0].path: required, expected text'],
  [
    'a flow without steps',
    { flows: [{ name: 'buy', steps: [] }] },
    'flows[0].steps: expected at least 1 entry, got an empty list',
  ],
  ['a port out of range', { metrics: { port: 70000 } }, 'metrics.port: expected a number ≤ 65535, got 70000'],
  [
    'an extractor of an unknown kind',
    { flows: [{ name: 'buy', steps: [{ name: 's', path: '/', extract: { id: { jsonpath: 'a' } } }] }] },
    'flows[0].steps[0].extract.id: expected one of {json} | {regex} | {header} | {cookie}, got a mapping {jsonpath}',
  ],
  [
    'a data set with a bad mode (the csv branch is meant)',
    { data: { users: { csv: 'u.csv', mode: 'once' } } },
    'data.users.mode: expected one of unique | circular | random, got "once"',
  ],
  ['headers as a list', { headers: ['Authorization: x'] }, 'headers: expected a mapping {<name>: text}, got a list'],
  ['a rate in words', { load: { rate: 'fast' } }, 'load.rate: expected a positive number, got "fast"'],
  ['yes for a boolean', { insecure: 'yes' }, 'insecure: expected true or false, got "yes"'],
  [
    'an unknown method',
    { endpoints: [{ path: '/', method: 'FETCH' }] },
    'endpoints[0].method: expected one of GET | HEAD | POST | PUT | PATCH | DELETE | OPTIONS, got "FETCH"',
  ],
  [
    'a bad duration word',
    { load: { duration: '5 parsecs' } },
    'load.duration: expected a duration like "30s" or "250ms", got "5 parsecs"',
  ],
];

describe('config errors show the shape to write', () => {
  it.each(MISTAKES)('%s', (_, input, expected) => {
    expect(message(input)).toBe(expected);
  });

  it('gives one line per problem', () => {
    expect(message({ format: 'pdf', load: { durration: 1 } }).split('\n')).toEqual([
      'load.durration: unknown field, did you mean load.duration?',
      'format: expected one of terminal | json | md | junit | html, got "pdf"',
    ]);
  });
});
