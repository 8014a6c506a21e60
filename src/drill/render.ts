/** The drill section of the terminal report, and the drill's schedule for --dry-run. Pure: data in, text out. */
import { Chalk } from 'chalk';
import Table from 'cli-table3';
import type { DrillAction } from '../config/schema.js';
import type { DrillResult } from '../result/run-result.js';
import { redactText } from '../util/redact.js';
import { describeClasses } from './error-classes.js';
import { millis, outcome, percent, seconds } from './format.js';

export interface DrillTextOptions {
  color?: boolean;
}

const OUTPUT_LINES = 5;

export function renderDrillText(drill: DrillResult, options: DrillTextOptions = {}): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const d = drill.degradation;
  const out: string[] = [c.bold('Drill')];
  out.push(`  baseline      p95 ${millis(drill.baseline.p95_ms)}, error rate ${percent(drill.baseline.error_rate)}`);
  out.push(
    `  during fault  p95 peaked at ${millis(d.p95_ms)}, error rate peaked at ` +
      `${percent(d.error_rate)}${d.seconds ? ` (over the limit for ${seconds(d.seconds)})` : ''}`,
  );
  const counts = Object.keys(d.by_class).length ? ` — ${classCounts(d.by_class)}` : '';
  out.push(`  errors        ${describeClasses(d.by_class)}${counts}`);
  out.push(`  recovery      ${recoveryText(drill, c)}`);
  for (const s of drill.sources ?? []) {
    const when =
      s.recovery_s === null
        ? c.red('not recovered')
        : s.recovery_s === 0
          ? 'unaffected'
          : `recovered in ${seconds(s.recovery_s)}`;
    const unit = s.kind === 'replica_lag' ? seconds : (n: number) => String(n);
    out.push(`  ${s.key}  peak ${unit(s.peak)} (limit ${unit(s.threshold)}), ${when}`);
  }
  if (drill.actions.length) out.push(actionsTable(drill, c));
  for (const a of drill.actions.filter((x) => x.exit_code !== 0 && x.output.trim())) {
    const lines = a.output.trimEnd().split('\n').slice(-OUTPUT_LINES);
    out.push(
      c.yellow(`  output of ${a.name}${a.kind === 'recover' ? ' (recovery)' : ''}:`),
      ...lines.map((l) => `    ${l}`),
    );
  }
  out.push(c.bold('  Summary'), ...drill.summary.split('\n').map((l) => `    ${l}`));
  return `${out.join('\n')}\n`;
}

function recoveryText(drill: DrillResult, c: InstanceType<typeof Chalk>): string {
  const t = drill.thresholds;
  const rule = t
    ? ` (p95 ≤ ${millis(t.p95_ms)} and error rate ≤ ${percent(t.error_rate)} for ${t.consecutive} s in a row)`
    : '';
  if (drill.recovery_s === null) return c.red(`not recovered before the load ended${rule}`);
  if (drill.recovery_s === 0) return `no degradation${rule}`;
  return `${seconds(drill.recovery_s)}${rule}`;
}

function classCounts(byClass: Record<string, number>): string {
  return Object.entries(byClass)
    .sort((a, b) => b[1] - a[1])
    .map(([cls, n]) => `${cls} ${n}`)
    .join(', ');
}

function actionsTable(drill: DrillResult, c: InstanceType<typeof Chalk>): string {
  const table = new Table({
    head: ['At', 'Kind', 'Action', 'Result', 'Took', 'Command'].map((h) => c.bold(h)),
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
  });
  for (const a of drill.actions) {
    const result = outcome(a);
    table.push([
      seconds(a.at_s),
      a.kind,
      a.name,
      a.exit_code === 0 ? result : c.red(result),
      a.duration_s === undefined ? '' : a.duration_s < 1 ? millis(a.duration_s * 1000) : seconds(a.duration_s),
      a.command.length > 60 ? `${a.command.slice(0, 59)}…` : a.command,
    ]);
  }
  return table
    .toString()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

/** The schedule as --dry-run prints it: one line per fault and recovery. */
export function renderDrillPlan(actions: readonly DrillAction[]): string {
  const lines = ['drill:'];
  for (const a of actions) {
    const name = a.name ? `${a.name}: ` : '';
    lines.push(`  at ${seconds(a.at / 1000)}: ${name}${redactText(a.run)} (timeout ${seconds(a.timeout / 1000)})`);
    if (a.recover)
      lines.push(
        `  at ${seconds(a.recover.at / 1000)}: recover ` +
          `${a.name ?? ''}${a.name ? ': ' : ''}${redactText(a.recover.run)} (timeout ` +
          `${seconds(a.recover.timeout / 1000)})`,
      );
  }
  return `${lines.join('\n')}\n`;
}
