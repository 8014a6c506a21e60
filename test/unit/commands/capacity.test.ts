import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { buildProgram } from '../../../src/cli.js';
import { formatCapacityPlan } from '../../../src/commands/capacity.js';
import { capacitySettings } from '../../../src/capacity/settings.js';
import { validateConfig } from '../../../src/config/load.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

describe('capacity command', () => {
  const command = buildProgram().commands.find((c) => c.name() === 'capacity')!;
  const flags = new Set(command.options.map((o) => o.long));

  it("takes run's target, source and SLO flags, defined once, and the search's own", () => {
    for (const f of ['--target', '--path', '--header', '--pg', '--pgbouncer', '--celery-redis', '--queue', '--slo'])
      expect(flags).toContain(f);
    for (const f of ['--start', '--max', '--step', '--precision', '--min-rate', '--confirm', '--dry-run'])
      expect(flags).toContain(f);
    expect(flags).not.toContain('--rate');
    const run = buildProgram().commands.find((c) => c.name() === 'run')!;
    const slo = (c: typeof run) => c.options.find((o) => o.long === '--slo')!.description;
    expect(slo(command)).toBe(slo(run));
  });

  it('the capacity gate example uses only flags the command has, and gates on --min-rate', () => {
    const workflow = parse(readFileSync(join(ROOT, 'examples/github-actions/capacity-gate.yml'), 'utf8')) as {
      jobs: Record<string, { steps: { run?: string }[] }>;
    };
    const runs = Object.values(workflow.jobs).flatMap((j) => j.steps.flatMap((s) => (s.run ? [s.run] : [])));
    const calls = runs.filter((r) => / capacity /.test(r)).map((r) => r.replace(/\\\n/g, ' '));
    expect(calls.length).toBeGreaterThanOrEqual(2);
    for (const call of calls)
      for (const f of call.match(/ --[a-z-]+/g) ?? []) {
        if (f.trim() === '--yes') continue;
        expect(flags, f).toContain(f.trim());
      }
    expect(calls.join('\n')).toMatch(/--min-rate "\$MIN_RATE"/);
  });

  it('--dry-run text: the doubling steps, the bound on steps, the longest time, and the run of the first step', () => {
    const config = validateConfig({ target: 'http://127.0.0.1:1', capacity: { start: 100, max: 800, step: '10s' } });
    const text = formatCapacityPlan(config, capacitySettings(config));
    expect(text).toMatch(/^growth\s+100, 200, 400, 800 req\/s/m);
    expect(text).toMatch(/^each step\s+settle 2.5s \+ hold 10s \+ cooldown 2.5s/m);
    expect(text).toMatch(/^confirm\s+20s at the answer/m);
    expect(text).toMatch(/^longest\s+≈ \dm/m);
    expect(text).toMatch(/^ {2}12.5s\s+100 req\/s$/m);
  });
});
