import { describe, expect, it } from 'vitest';
import {
  callsByKind,
  isTransactionControl,
  kindOf,
  labelKinds,
  splitRoles,
} from '../../../../src/sources/postgres/statement-kind.js';

describe('isTransactionControl: what Django does not count', () => {
  it.each(['BEGIN', 'begin', 'COMMIT', 'ROLLBACK', 'START TRANSACTION ISOLATION LEVEL SERIALIZABLE', 'END', 'ABORT'])(
    '%s is transaction control',
    (sql) => expect(isTransactionControl(sql)).toBe(true),
  );
  it.each(['DISCARD ALL', 'DEALLOCATE ALL', 'RESET ALL', '/* pgbouncer */ BEGIN'])('%s is housekeeping', (sql) =>
    expect(isTransactionControl(sql)).toBe(true),
  );
  it.each([
    'SAVEPOINT "s1_x"',
    'RELEASE SAVEPOINT "s1_x"',
    'ROLLBACK TO SAVEPOINT "s1_x"',
    'SELECT begin_at FROM events',
    'UPDATE accounts SET committed = true',
    'INSERT INTO ledger (note) VALUES ($1)',
  ])('%s is the app’s (Django counts it)', (sql) => expect(isTransactionControl(sql)).toBe(false));
});

describe('splitRoles: background work is told apart only by a role of its own', () => {
  it('a role named like a worker, or whose every backend is a worker, is async', () => {
    const split = splitRoles(
      ['celery_worker', 'shop', 'jobs'],
      [
        { role: 'shop', application_name: 'gunicorn' },
        { role: 'jobs', application_name: 'celery@host-1' },
        { role: 'jobs', application_name: 'celery@host-2' },
      ],
    );
    expect(split).toEqual({ async: ['celery_worker', 'jobs'], shared: [] });
  });

  it('a role used by the web app and the workers cannot be split', () => {
    const split = splitRoles(
      ['app'],
      [
        { role: 'app', application_name: 'gunicorn' },
        { role: 'app', application_name: 'celery' },
      ],
    );
    expect(split).toEqual({ async: [], shared: ['app'] });
  });
});

describe('kinds and counts', () => {
  const roles = new Set(['celery_worker']);
  const statements = [
    { query: 'BEGIN', role: 'shop', calls: 10 },
    { query: 'SELECT qty FROM stock WHERE item = $1 FOR UPDATE', role: 'shop', calls: 10 },
    { query: 'INSERT INTO orders (item) VALUES ($1)', role: 'shop', calls: 10 },
    { query: 'COMMIT', role: 'shop', calls: 10 },
    { query: 'UPDATE stock SET qty = qty - $1 WHERE item = $2', role: 'celery_worker', calls: 10 },
    { query: 'BEGIN', role: 'celery_worker', calls: 3 },
  ];

  it('a checkout Django counts as 2 queries reads 2, with 2 + 0.3 transaction control and 1 async beside it', () => {
    expect(callsByKind(statements, roles)).toEqual({ app: 20, transaction: 23, async: 10 });
  });

  it('labels only what is not the app’s', () => {
    expect(labelKinds(statements, roles).map((s) => 'kind' in s && s.kind)).toEqual([
      'transaction',
      false,
      false,
      'transaction',
      'async',
      'transaction',
    ]);
    expect(kindOf({ query: 'SELECT 1' }, roles)).toBe('app');
  });
});
