import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { DJANGO_STARTER_CONFIG, DJANGO_STARTER_USERS } from '../../../src/config/starter.js';
import { buildEnginePlan } from '../../../src/load/plan/plan.js';

describe('init --django', () => {
  it('writes a config whose login → cart → checkout flow compiles against the users.csv written beside it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'starter-'));
    writeFileSync(join(dir, 'scale-audit.yml'), DJANGO_STARTER_CONFIG);
    writeFileSync(join(dir, 'users.csv'), DJANGO_STARTER_USERS);
    const config = loadConfig(join(dir, 'scale-audit.yml'));
    const plan = buildEnginePlan(config);
    const buy = plan.flows![0]!;
    expect(buy).toMatchObject({ name: 'buy', csrf: true, dataSets: ['users'] });
    expect(buy.steps.map((s) => s.step)).toEqual(['login-page', 'login', 'add', 'checkout', 'order']);
    expect(plan.data![0]!.rows.length).toBeGreaterThan(0);
    expect(config.slo.endpoints['buy/checkout']).toEqual({ p95: 800 });
    expect(config.slo.flows?.buy).toEqual({ p95: 3000, error_rate: 0.01 });
  });
});
