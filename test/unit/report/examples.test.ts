import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { checkOverrideProblems } from '../../../src/audit/thresholds.js';
import { loadConfig } from '../../../src/config/load.js';
import { buildEnginePlan } from '../../../src/load/plan/plan.js';

const ROOT = join(import.meta.dirname, '../../..');

describe('examples/django.yml', () => {
  const config = loadConfig(join(ROOT, 'examples/django.yml'));

  it('validates, with endpoints, Postgres primary + replica, pgbouncer, Redis and Celery queues', () => {
    expect(config.endpoints.map((e) => e.name)).toContain('products');
    expect(config.sources.postgres?.replicas).toHaveLength(1);
    expect(config.sources.postgres?.pgbouncer).toMatch(/^postgres:\/\//);
    expect(config.sources.redis).toHaveLength(1);
    expect(config.sources.queues?.names).toEqual(['celery', 'high', 'low', 'emails']);
  });

  it('sets SLOs with per-endpoint overrides and budgets, in ms and ratios', () => {
    expect(config.slo).toMatchObject({ p95: 300, p99: 800, error_rate: 0.01, throughput: 0.97, over: 60_000 });
    expect(config.slo.endpoints['buy/add-to-cart']).toEqual({ p95: 400, error_rate: 0.005 });
    expect(config.slo.flows?.buy).toEqual({ p95: 3000, error_rate: 0.01 });
    expect(config.budgets).toMatchObject({
      queries_per_request: 10,
      replica_lag: 1000,
      queue_depth: 1000,
      drain: 60_000,
      pool_wait: 100,
      offload: 0.5,
    });
    expect(config.checks['cache.hit-ratio']).toEqual({ warn: '90%' });
    expect(checkOverrideProblems(config)).toEqual([]);
  });

  it('sends the cart and checkout through a flow with Django CSRF and a unique users.csv beside it', () => {
    const plan = buildEnginePlan(config);
    const buy = plan.flows!.find((f) => f.name === 'buy')!;
    expect(buy.csrf).toBe(true);
    expect(buy.steps.map((s) => s.name)).toEqual([
      'buy/login-page',
      'buy/login',
      'buy/add-to-cart',
      'buy/checkout',
      'buy/order',
    ]);
    expect(plan.data!.find((d) => d.name === 'users')).toMatchObject({
      mode: 'unique',
      columns: ['username', 'password'],
    });
    expect(plan.endpoints.map((e) => e.name)).not.toContain('add-to-cart');
  });

  it('has no password in its DSNs', () => {
    expect(readFileSync(join(ROOT, 'examples/django.yml'), 'utf8')).not.toMatch(/:\/\/[^/@\s]+:[^/@\s]+@/);
  });
});

describe('examples/github-actions/pr-gate.yml', () => {
  const workflow = parse(readFileSync(join(ROOT, 'examples/github-actions/pr-gate.yml'), 'utf8')) as {
    on: Record<string, unknown>;
    permissions: Record<string, string>;
    jobs: Record<string, { steps: { name?: string; run?: string; uses?: string; if?: string }[] }>;
  };
  const steps = Object.values(workflow.jobs)[0]!.steps;
  const run = (name: string) => steps.find((s) => s.name === name)?.run ?? '';

  it('runs on pull requests and may comment on them', () => {
    expect(Object.keys(workflow.on)).toEqual(['pull_request']);
    expect(workflow.permissions['pull-requests']).toBe('write');
  });

  it('starts the app in the job, gates on p95 and publishes the Markdown even when the gate fails', () => {
    expect(run('Start the app and a Celery worker')).toMatch(/gunicorn .*--bind 127\.0\.0\.1:8000/);
    expect(run('Load test')).toMatch(/scale-audit@0 run .*/);
    expect(run('Load test')).toMatch(/--slo p95=300ms --fail-on gate/);
    expect(run('Load test')).toMatch(/--format md --report-out scale-audit\.md/);
    expect(run('Job summary and JUnit')).toMatch(/GITHUB_STEP_SUMMARY/);
    expect(run('Comment on the pull request')).toMatch(/gh pr comment .*--body-file scale-audit\.md/);
    expect(steps.find((s) => s.name === 'Comment on the pull request')?.if).toMatch(/always\(\)/);
    expect(steps.at(-1)!.name).toBe('Gate');
    expect(steps.at(-1)!.run).toMatch(/steps\.audit\.outputs\.exit_code/);
  });
});
