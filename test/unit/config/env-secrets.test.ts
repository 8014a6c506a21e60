// biome-ignore-all lint/suspicious/noTemplateCurlyInString: ${VAR} in plain strings is the syntax under test
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCredentialPosition } from '../../../src/config/env-secrets.js';
import { loadConfig } from '../../../src/config/load.js';
import { formatPlan } from '../../../src/commands/dry-run.js';
import { redactDeep, redactText } from '../../../src/util/redact.js';

const use = (path: (string | number)[], value: string, text = value) => ({ path, name: 'X', value, text });

describe('where an environment value is a secret', () => {
  it('is a credential header or field, or a URL password or secret query value', () => {
    expect(isCredentialPosition(use(['headers', 'Authorization'], 'Bearer t'))).toBe(true);
    expect(isCredentialPosition(use(['flows', 0, 'steps', 1, 'form', 'password'], 'hunter'))).toBe(true);
    expect(isCredentialPosition(use(['app', 'token'], 'abc'))).toBe(true);
    expect(isCredentialPosition(use(['sources', 'redis', 0], 'pw', 'redis://:pw@h:6379/0'))).toBe(true);
    expect(isCredentialPosition(use(['target'], 'k1', 'http://h/?api_key=k1'))).toBe(true);
    const whole = 'postgres://u:pw-9@h/app';
    expect(isCredentialPosition(use(['sources', 'postgres', 'primary'], whole))).toBe(true);
  });

  it('is not a host, a path or a rate', () => {
    expect(isCredentialPosition(use(['sources', 'redis', 0], 'h', 'redis://:pw@h:6379/0'))).toBe(false);
    expect(isCredentialPosition(use(['target'], 'http://staging:8000'))).toBe(false);
    expect(isCredentialPosition(use(['endpoints', 0, 'path'], '/api'))).toBe(false);
  });
});

describe('a config whose secrets come from the environment', () => {
  const dir = mkdtempSync(join(tmpdir(), 'env-secrets-'));
  const file = join(dir, 'scale-audit.yml');
  writeFileSync(
    file,
    [
      'target: ${TARGET}',
      'headers: { X-Api-Key: "${API_KEY}" }',
      'endpoints: [{ path: "/a?token=${PATH_TOKEN}" }]',
      'flows: [{ name: f, steps: [{ name: s, method: POST, path: /l, form: { password: "${FORM_PW}" } }] }]',
      'sources:',
      '  postgres: { primary: "postgres://audit:${PG_PASSWORD}@db:5432/app", replicas: ["${REPLICA_DSN}"] }',
    ].join('\n'),
  );
  const env = {
    TARGET: 'http://127.0.0.1:8000',
    API_KEY: 'key-71c2e9a0',
    PATH_TOKEN: 'ptok-55aa',
    FORM_PW: 'swordfish',
    PG_PASSWORD: 'pg-Secret-31',
    REPLICA_DSN: 'postgres://audit:replica-pw-8@replica:5432/app',
  };
  const config = loadConfig(file, {}, env);

  it('is resolved before validation', () => {
    expect(config.target).toBe('http://127.0.0.1:8000');
    expect(config.sources.postgres?.primary).toBe('postgres://audit:pg-Secret-31@db:5432/app');
  });

  it('shows ${NAME} in the dry run for each secret, and the values nowhere', () => {
    const plan = formatPlan(config);
    expect(plan).toContain('postgres  postgres://audit:${PG_PASSWORD}@db:5432/app');
    expect(plan).toContain('replica   ${REPLICA_DSN}');
    expect(plan).toContain('/a?token=${PATH_TOKEN}');
    expect(plan).toContain('target      http://127.0.0.1:8000');
    for (const secret of Object.values(env).slice(1)) expect(plan).not.toContain(secret);
  });

  it('masks them in free text and in stored JSON, an ordinary-word password under its field too', () => {
    const text = redactText(`key-71c2e9a0 failed for pg-Secret-31 and replica-pw-8`);
    expect(text).toBe('*** failed for *** and ***');
    const stored = JSON.stringify(redactDeep(config));
    for (const secret of Object.values(env).slice(1)) expect(stored).not.toContain(secret);
    expect(stored).toContain('"password":"***"');
    expect(redactText('the swordfish swims')).toBe('the swordfish swims');
  });
});
