import { describe, expect, it } from 'vitest';
import { classifyConnectError, connectError } from '../../../../src/sources/postgres/connect-error.js';
import { PgConnection, describeTarget } from '../../../../src/sources/postgres/connection.js';
import { redactStatementText } from '../../../../src/sources/postgres/observed-server.js';
import { redactUrl } from '../../../../src/util/redact.js';

describe('classifyConnectError', () => {
  it('names the reason from the driver error', () => {
    expect(classifyConnectError({ code: '28P01', message: 'password authentication failed for user "x"' })).toBe(
      'auth',
    );
    expect(classifyConnectError({ code: '08P01', message: 'no such user' })).toBe('auth');
    expect(classifyConnectError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED 127.0.0.1:1' })).toBe('refused');
    expect(classifyConnectError({ code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND db' })).toBe('unresolved');
    expect(classifyConnectError(new Error('Connection terminated due to connection timeout'))).toBe('timeout');
    expect(classifyConnectError({ code: '3D000', message: 'database "x" does not exist' })).toBe('missing-database');
    expect(classifyConnectError(new Error('something else'))).toBe('other');
  });
});

describe('connectError', () => {
  it('says what failed and why, with any password masked', () => {
    redactUrl('postgres://app:Hunter-22-pw@db:5432/app');
    const err = connectError('postgres primary', 'db:5432/app as app', {
      code: '28P01',
      message: 'failed for postgres://app:Hunter-22-pw@db:5432/app (Hunter-22-pw)',
    });
    expect(err.reason).toBe('auth');
    expect(err.message).toMatch(/^postgres primary \(db:5432\/app as app\): authentication failed — /);
    expect(err.message).not.toContain('Hunter-22-pw');
  });
});

describe('describeTarget', () => {
  it('shows host, database and user, never the password', () => {
    expect(describeTarget('postgres://u:S3cr3t-x@h:6543/db?sslmode=require')).toBe('h:6543/db as u');
  });
});

describe('redactStatementText', () => {
  it('masks passwords in role statements that pg_stat_statements stores verbatim', () => {
    expect(redactStatementText(`ALTER ROLE web PASSWORD 'abc''def' VALID UNTIL 'x'`)).toBe(
      `ALTER ROLE web PASSWORD '***' VALID UNTIL 'x'`,
    );
    expect(redactStatementText('SELECT password FROM users WHERE id = $1')).toBe(
      'SELECT password FROM users WHERE id = $1',
    );
  });
});

describe('PgConnection.open with a malformed DSN', () => {
  it('rejects without echoing the password', async () => {
    const conn = new PgConnection({
      dsn: 'postgres://u:Secret-Bad-Dsn-1@[not-a-host/app',
      label: 'postgres primary',
      statementTimeoutMs: 1000,
      connectTimeoutMs: 1000,
      serverSettings: true,
    });
    const err = await conn.open().then(
      () => undefined,
      (e: Error) => e,
    );
    expect(err?.message).toMatch(/^postgres primary: not a valid postgres:\/\/ DSN/);
    expect(err?.message).not.toContain('Secret-Bad-Dsn-1');
  });
});
