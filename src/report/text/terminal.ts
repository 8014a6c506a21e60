/**
 * The terminal report: the run summary (requests, throughput against the target, errors by class, latency
 * corrected and service time, per endpoint), then findings grouped by category with the score, then the gates.
 * Pure: colour is an option; `terminalColor()` decides it at the edge (NO_COLOR, FORCE_COLOR, TTY).
 */
import { APP_HEAD, appMissingLine, appRows } from '../app-figures.js';
import { renderDrillText } from '../../drill/render.js';
import { renderCapacityText } from '../../capacity/render.js';
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { categoryTitle } from '../../../checks/categories.js';
import { successRps } from '../../audit/window.js';
import type { Finding, FindingStatus, LatencySummary, RunResult } from '../../result/run-result.js';
import {
  STATUS_LABEL,
  errorBreakdown,
  findingsByCategory,
  gateThreshold,
  gateValue,
  gatesVerdict,
  planLine,
  scoreText,
} from '../run-figures.js';
import { formatMs, formatNumber, formatPercent } from '../../util/format.js';
import { endedEarlyLine, FLOW_HEAD, flowRows } from '../flow-figures.js';

export interface TerminalOptions {
  color?: boolean;
  /** Columns available; wide text wraps inside the tables. */
  width?: number;
}

/** no-color.org: NO_COLOR (non-empty) turns colour off; FORCE_COLOR turns it on; otherwise only on a TTY. */
export function terminalColor(env: NodeJS.ProcessEnv = process.env, isTTY = Boolean(process.stdout.isTTY)): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined) return env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false';
  return isTTY && env.TERM !== 'dumb';
}

const PLAIN_STYLE = { head: [], border: [] };

/**
 * Text from the target (cookie names, paths, messages) cannot drive the terminal: control characters are
 * shown as ?.
 */
// eslint-disable-next-line no-control-regex
const safe = (text: string): string => text.replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g, '?');

export function renderTerminal(result: RunResult, options: TerminalOptions = {}): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const width = Math.max(60, options.width ?? 100);
  return `${[
    header(result, c),
    result.capacity ? renderCapacityText(result.capacity, { color: options.color === true }).trimEnd() : '',
    summaryTable(result, c),
    latencyTable(result),
    endpointsTable(result),
    flowsTable(result),
    appTable(result),
    result.drill ? renderDrillText(result.drill, { color: options.color === true }).trimEnd() : '',
    findingsSection(result, c, width),
    gatesSection(result, c, width),
    verdict(result, c),
  ]
    .filter(Boolean)
    .join('\n\n')}\n`;
}

function header(r: RunResult, c: ChalkInstance): string {
  const lines = [
    `${c.bold('scale-audit')} ${r.tool.version} · ${safe(r.plan.target)} · ${planLine(r)} · ${r.started_at}`,
  ];
  if (r.partial)
    lines.push(c.yellow(`PARTIAL RUN: ${safe(r.stop_reason ?? 'stopped early')} — figures cover ${r.duration_s} s`));
  const ended = endedEarlyLine(r);
  if (ended) lines.push(c.yellow(ended));
  if (r.generator.lagged) {
    lines.push(
      c.yellow(
        `⚠ the load generator lagged: ${r.generator.reason ?? 'it could not keep the schedule'}. Latency and ` +
          `throughput include its own delay; rerun with more --workers or a lower rate.`,
      ),
    );
  }
  return lines.join('\n');
}

function summaryTable(r: RunResult, c: ChalkInstance): string {
  const s = r.summary;
  const t = new Table({ style: PLAIN_STYLE });
  const ok = successRps(s, r.duration_s);
  const target = s.target_rps
    ? ` of ${formatNumber(s.target_rps, 1)} target (${formatPercent(ok / s.target_rps)})`
    : '';
  const answered = s.errors ? `${formatNumber(s.rps, 1)} req/s answered, ${formatNumber(ok, 1)} successful` : '';
  const errors = s.errors ? c.red(`${formatPercent(s.error_rate, 2)} (${s.errors}): ${errorBreakdown(s)}`) : '0';
  t.push(
    ['Requests', `${s.requests}${s.dropped ? c.yellow(` (${s.dropped} dropped: max_in_flight reached)`) : ''}`],
    ['Throughput', `${answered || `${formatNumber(s.rps, 1)} req/s`}${target}`],
    ['Errors', errors],
  );
  return t.toString();
}

function latencyTable(r: RunResult): string {
  const t = new Table({
    head: ['Latency', 'p50', 'p90', 'p95', 'p99', 'max'],
    style: PLAIN_STYLE,
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right'],
  });
  const row = (label: string, l: LatencySummary) => [
    label,
    formatMs(l.p50),
    formatMs(l.p90),
    formatMs(l.p95),
    formatMs(l.p99),
    formatMs(l.max),
  ];
  if (r.plan.model === 'open') {
    t.push(row('corrected (from intended send)', r.summary.latency_ms), row('service time', r.summary.service_time_ms));
  } else {
    t.push(row('service time (closed model)', r.summary.service_time_ms));
  }
  return t.toString();
}

function endpointsTable(r: RunResult): string {
  const eps = Object.values(r.endpoints);
  if (!eps.length) return '';
  const t = new Table({
    head: ['Endpoint', 'Requests', 'RPS', 'Errors', 'p50', 'p95', 'p99', 'max'],
    style: PLAIN_STYLE,
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right'],
  });
  for (const ep of eps) {
    const s = ep.summary;
    const l = s.latency_ms;
    const label =
      ep.name === ep.path || ep.name === `${ep.method} ${ep.path}` ? ep.name : `${ep.name} (${ep.method} ${ep.path})`;
    t.push([
      safe(label),
      s.requests,
      formatNumber(s.rps, 1),
      s.errors ? `${s.errors} (${formatPercent(s.error_rate, 2)})` : '0',
      formatMs(l.p50),
      formatMs(l.p95),
      formatMs(l.p99),
      formatMs(l.max),
    ]);
  }
  return t.toString();
}

function appTable(r: RunResult): string {
  const missing = appMissingLine(r);
  if (missing) return missing;
  const rows = appRows(r);
  if (!rows.length) return '';
  const t = new Table({
    head: APP_HEAD,
    style: PLAIN_STYLE,
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'left', 'left'],
  });
  for (const row of rows) t.push(row.map(safe));
  return t.toString();
}

function flowsTable(r: RunResult): string {
  const rows = flowRows(r);
  if (!rows.length) return '';
  const t = new Table({
    head: FLOW_HEAD,
    style: PLAIN_STYLE,
    colAligns: ['left', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'right', 'left'],
  });
  for (const row of rows) t.push([safe(row[0]!), ...row.slice(1, -1), safe(row[row.length - 1]!)]);
  return t.toString();
}

const paint = (c: ChalkInstance, status: FindingStatus, text: string): string =>
  status === 'pass'
    ? c.green(text)
    : status === 'warn'
      ? c.yellow(text)
      : status === 'fail'
        ? c.red(text)
        : c.dim(text);

function findingsSection(r: RunResult, c: ChalkInstance, width: number): string {
  if (!r.findings.length) return '';
  const cats = Object.entries(r.score.categories)
    .map(([id, v]) => `${categoryTitle(id)} ${scoreText(v)}`)
    .join(' · ');
  const title = `${c.bold(`Score ${scoreText(r.score.overall)}/100`)}  ${c.dim(cats)}`;
  const textWidth = width - 34;
  const t = new Table({ style: PLAIN_STYLE, colWidths: [6, 26, textWidth], wordWrap: true, wrapOnWordBoundary: true });
  for (const group of findingsByCategory(r.findings)) {
    t.push([{ colSpan: 3, content: c.bold(`${group.title} — ${scoreText(r.score.categories[group.id])}`) }]);
    for (const f of group.findings) t.push([paint(c, f.status, STATUS_LABEL[f.status]), safe(f.id), findingText(f, c)]);
  }
  return `${title}\n${t.toString()}`;
}

function findingText(f: Finding, c: ChalkInstance): string {
  const message = safe(f.message);
  const remedy = safe(f.remedy);
  if (f.status === 'warn' || f.status === 'fail') return `${message}\n${c.cyan(`→ ${remedy}`)}`;
  if (f.status === 'not-measured') return c.dim(`${message} → ${remedy}`);
  return message;
}

function gatesSection(r: RunResult, c: ChalkInstance, width: number): string {
  if (!r.gates.length) return c.dim('Gates: none set (slo / budgets in the config, or --slo p95=300ms).');
  const t = new Table({
    head: ['', 'Gate', 'Value', 'Threshold', 'Detail'],
    style: PLAIN_STYLE,
    wordWrap: true,
    wrapOnWordBoundary: true,
    colWidths: [6, 30, 14, 14, Math.max(20, width - 74)],
  });
  for (const g of r.gates)
    t.push([
      g.passed ? c.green('PASS') : c.red('FAIL'),
      safe(g.id),
      gateValue(g),
      gateThreshold(g),
      safe(g.message ?? ''),
    ]);
  return `${c.bold('Gates')}\n${t.toString()}`;
}

function verdict(r: RunResult, c: ChalkInstance): string {
  const failed = r.gates.some((g) => !g.passed);
  const text = `${gatesVerdict(r.gates)} · score ${scoreText(r.score.overall)}/100`;
  return failed ? c.red.bold(`✖ ${text}`) : c.green.bold(`✔ ${text}`);
}
