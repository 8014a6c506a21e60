/**
 * Markdown for a pull-request comment or a job summary: the verdict first, then gates, the run's figures,
 * the score and the findings that need attention (passes folded away). Everything from the target is escaped.
 */
import { APP_HEAD, APP_NOTE, appMissingLine, appRows } from '../app-figures.js';
import { categoryTitle } from '../../../checks/categories.js';
import { successRps } from '../../audit/window.js';
import type { RunResult } from '../../result/run-result.js';
import {
  STATUS_LABEL,
  countStatuses,
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
import { md, mdCode } from './markdown-escape.js';
import { renderCapacityMarkdown } from '../../capacity/render.js';

const ICON = { pass: '✅', warn: '⚠️', fail: '❌', 'not-measured': '➖' } as const;

export function renderMarkdown(result: RunResult): string {
  return `${[
    headline(result),
    result.capacity ? renderCapacityMarkdown(result.capacity, md) : '',
    gates(result),
    figures(result),
    endpoints(result),
    flows(result),
    app(result),
    drill(result),
    score(result),
    findings(result),
    footer(result),
  ]
    .filter(Boolean)
    .join('\n\n')}\n`;
}

function headline(r: RunResult): string {
  const failed = r.gates.some((g) => !g.passed);
  const lines = [
    `## ${failed ? '❌' : '✅'} scale-audit: ${gatesVerdict(r.gates)} · score ${scoreText(r.score.overall)}/100`,
  ];
  lines.push(`${mdCode(r.plan.target)} · ${md(planLine(r))} · ${r.summary.requests} requests`);
  if (r.partial) lines.push(`> **Partial run:** ${md(r.stop_reason ?? 'stopped early')}`);
  if (r.generator.lagged)
    lines.push(
      `> **⚠️ The load generator lagged** (${md(r.generator.reason ?? 'schedule slipped')}): latency and ` +
        `throughput include its own delay.`,
    );
  return lines.join('\n\n');
}

function drill(r: RunResult): string {
  if (!r.drill) return '';
  const actions = r.drill.actions.map(
    (a) => `| ${a.at_s} s | ${a.kind} | ${mdCode(a.command)} | ${a.timed_out ? 'timed out' : (a.exit_code ?? '—')} |`,
  );
  return [
    '### Fault drill',
    '',
    md(r.drill.summary),
    '',
    '| At | Kind | Command | Exit |',
    '|---:|---|---|---:|',
    ...actions,
  ].join('\n');
}

function gates(r: RunResult): string {
  if (!r.gates.length) return '';
  const rows = r.gates.map(
    (g) =>
      `| ${g.passed ? '✅' : '❌'} | ${mdCode(g.id)} | ${md(gateValue(g))} | ${md(gateThreshold(g))} | ` +
      `${md(g.message ?? '')} |`,
  );
  return ['### Gates', '', '| | Gate | Value | Threshold | Detail |', '|---|---|---:|---:|---|', ...rows].join('\n');
}

function figures(r: RunResult): string {
  const s = r.summary;
  const ok = successRps(s, r.duration_s);
  const target = s.target_rps ? ` of ${formatNumber(s.target_rps, 1)} (${formatPercent(ok / s.target_rps)})` : '';
  const rate = s.errors
    ? `${formatNumber(ok, 1)} successful (${formatNumber(s.rps, 1)} answered)`
    : formatNumber(s.rps, 1);
  const l = s.latency_ms;
  const st = s.service_time_ms;
  const rows = [
    '| Requests | Throughput (req/s) | Errors | p50 | p90 | p95 | p99 | max |',
    '|---:|---:|---|---:|---:|---:|---:|---:|',
    `| ${s.requests} | ${rate}${target} | ` +
      `${s.errors ? `${formatPercent(s.error_rate, 2)}: ${md(errorBreakdown(s))}` : '0'} | ${formatMs(l.p50)} | ` +
      `${formatMs(l.p90)} | ${formatMs(l.p95)} | ${formatMs(l.p99)} | ${formatMs(l.max)} |`,
  ];
  const note =
    r.plan.model === 'open'
      ? `Latency is measured from the intended send time (coordinated omission corrected); service time p95 ` +
        `${formatMs(st.p95)}, p99 ${formatMs(st.p99)}.`
      : 'Closed model: latency is service time.';
  const dropped = s.dropped ? ` ${s.dropped} requests were dropped at load.max_in_flight.` : '';
  return ['### Run', '', ...rows, '', `${note}${dropped}`].join('\n');
}

function endpoints(r: RunResult): string {
  const eps = Object.values(r.endpoints);
  if (eps.length < 2) return '';
  const rows = eps.map((ep) => {
    const s = ep.summary;
    return (
      `| ${md(ep.name)} | ${md(`${ep.method} ${ep.path}`)} | ${s.requests} | ` +
      `${s.errors ? formatPercent(s.error_rate, 2) : '0'} | ${formatMs(s.latency_ms.p50)} | ` +
      `${formatMs(s.latency_ms.p95)} | ${formatMs(s.latency_ms.p99)} |`
    );
  });
  return [
    '| Endpoint | Request | Requests | Errors | p50 | p95 | p99 |',
    '|---|---|---:|---:|---:|---:|---:|',
    ...rows,
  ].join('\n');
}

function app(r: RunResult): string {
  const missing = appMissingLine(r);
  if (missing) return missing;
  const rows = appRows(r);
  if (!rows.length) return '';
  return [
    `| ${APP_HEAD.join(' | ')} |`,
    `|---|${APP_HEAD.slice(1, -2)
      .map(() => '---:')
      .join('|')}|---|---|`,
    ...rows.map((row) => `| ${row.map(md).join(' | ')} |`),
    '',
    APP_NOTE,
  ].join('\n');
}

function flows(r: RunResult): string {
  const rows = flowRows(r);
  if (!rows.length) return '';
  const ended = endedEarlyLine(r);
  return [
    `| ${FLOW_HEAD.join(' | ')} |`,
    `|---|${FLOW_HEAD.slice(1, -1)
      .map(() => '---:')
      .join('|')}|---|`,
    ...rows.map((row) => `| ${row.map(md).join(' | ')} |`),
    ...(ended ? ['', ended] : []),
    '',
    'Latency of a flow: its completed iterations, from the first request’s intended start to the last response.',
  ].join('\n');
}

function score(r: RunResult): string {
  if (!r.findings.length) return '';
  const counts = countStatuses(r.findings);
  const cats = Object.entries(r.score.categories).map(([id, v]) => `| ${md(categoryTitle(id))} | ${scoreText(v)} |`);
  return [
    `### Readiness score ${scoreText(r.score.overall)}/100`,
    '',
    `${counts.pass} passed · ${counts.warn} warnings · ${counts.fail} failed · ${counts['not-measured']} not measured`,
    '',
    '| Category | Score |',
    '|---|---:|',
    ...cats,
  ].join('\n');
}

function findings(r: RunResult): string {
  const attention = r.findings.filter((f) => f.status === 'fail' || f.status === 'warn');
  const rest = r.findings.filter((f) => f.status === 'pass' || f.status === 'not-measured');
  const parts: string[] = [];
  if (attention.length) {
    parts.push('### Findings', '', '| | Rule | Finding | Remedy |', '|---|---|---|---|');
    for (const group of findingsByCategory(attention)) {
      for (const f of group.findings)
        parts.push(`| ${ICON[f.status]} | ${mdCode(f.id)} | ${md(f.message)} | ${md(f.remedy)} |`);
    }
  }
  if (rest.length) {
    parts.push('', '<details><summary>Passed and not measured</summary>', '', '| | Rule | Finding |', '|---|---|---|');
    for (const f of rest)
      parts.push(`| ${ICON[f.status]} ${STATUS_LABEL[f.status]} | ${mdCode(f.id)} | ${md(f.message)} |`);
    parts.push('', '</details>');
  }
  return parts.join('\n');
}

function footer(r: RunResult): string {
  return `<sub>scale-audit ${md(r.tool.version)} · started ${md(r.started_at)} · ${r.duration_s} s measured</sub>`;
}
