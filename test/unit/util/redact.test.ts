import { describe, expect, it } from 'vitest';
import { redactDeep, redactHeaders, redactText, redactUrl } from '../../../src/util/redact.js';

describe('redaction where values sit as credentials', () => {
  it('masks an ordinary-word password in the URL, never the same word as prose', () => {
    expect(redactUrl('postgres://pgbouncer:pgbouncer@127.0.0.1:6432/pgbouncer')).toBe(
      'postgres://pgbouncer:***@127.0.0.1:6432/pgbouncer',
    );
    expect(redactText('pgbouncer in front of Postgres, no client waited')).toBe(
      'pgbouncer in front of Postgres, no client waited',
    );
    expect(redactDeep({ kind: 'pgbouncer', message: 'run pgbouncer in transaction mode' })).toEqual({
      kind: 'pgbouncer',
      message: 'run pgbouncer in transaction mode',
    });
  });

  it('masks the ordinary word where a command line passes it as a credential', () => {
    redactUrl('redis://:hunter@127.0.0.1:6379/0');
    expect(redactText('redis-cli -a hunter shutdown; hunter is a word')).toBe(
      'redis-cli -a *** shutdown; hunter is a word',
    );
    expect(redactText('redis-cli --pass=hunter')).toBe('redis-cli --pass=***');
  });

  it('masks password fields, credential headers, bearer tokens and secret query values in free text', () => {
    expect(redactText('PGPASSWORD=s3cr3t psql -h db')).toBe('PGPASSWORD=*** psql -h db');
    expect(redactText('host=db user=app password=s3cr3t')).toBe('host=db user=app password=***');
    expect(redactText('{"password": "s3cr3t"}')).toBe('{"password": "***"}');
    expect(redactText('Authorization: Bearer abc.def')).toBe('Authorization: ***');
    expect(redactText('sent Bearer abc.def to it')).toBe('sent Bearer *** to it');
    expect(redactText('GET /api?token=abc123&page=2')).toBe('GET /api?token=***&page=2');
    expect(redactText('amqp://guest:guest@127.0.0.1:5672/')).toBe('amqp://guest:***@127.0.0.1:5672/');
  });

  it('masks a generated secret wherever it appears', () => {
    redactHeaders({ 'X-Api-Key': 'k-7Hq29-zz' });
    expect(redactText('echo k-7Hq29-zz > /dev/null')).toBe('echo *** > /dev/null');
  });

  it('leaves prose about passwords alone', () => {
    expect(redactText('password authentication failed for user "app"')).toBe(
      'password authentication failed for user "app"',
    );
  });
});
