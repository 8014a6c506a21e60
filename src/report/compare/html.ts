/**
 * The comparison as one self-contained HTML page: verdict tables, and the two runs' per-second latency
 * and throughput overlaid on one time axis (before dashed, after solid).
 */
import { renderLineChart } from '../html/chart.js';
import type { ChartSeries, TimeAxis } from '../html/chart.js';
import { html } from '../html/escape.js';
import type { RawHtml } from '../html/escape.js';
import { formatMs, formatNumber, formatValue } from '../../util/format.js';
import { htmlPage } from '../html/page.js';
import { describeRun, figureCells, gateWord, headline, ruleStateWord, scopeNote, VERDICT_WORD } from './format.js';
import type { Comparison, FigureComparison, TimelinePoint, Verdict } from '../../compare/types.js';

const BEFORE = '#8c959f';
const AFTER = '#0969da';

const pill = (v: Verdict): RawHtml => html`<span class="pill ${v}">${VERDICT_WORD[v]}</span>`;

function figureTable(figures: FigureComparison[], kind: string, first = 'Figure'): RawHtml {
  const rows = figures.map((f) => {
    const c = figureCells(f);
    return html`<tr data-figure="${f.id}" data-verdict="${f.verdict}"><td>${c.label}</td>
<td class="num">${c.before}</td><td class="num">${c.after}</td><td class="num">${c.change}</td>
<td>${pill(f.verdict)}</td><td class="muted">${c.reason}</td></tr>`;
  });
  return html`<table class="${kind}"><thead><tr><th>${first}</th><th class="num">Before</th>
<th class="num">After</th><th class="num">Change</th><th>Verdict</th><th>Why</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

function axisOf(c: Comparison): TimeAxis {
  const ts = [0, ...c.timelines.before.map((p) => p.t), ...c.timelines.after.map((p) => p.t)];
  return { min: Math.min(...ts), max: Math.max(...ts) };
}

function overlay(
  id: string,
  title: string,
  key: 'p50' | 'p95' | 'p99' | 'rps',
  c: Comparison,
  format: (v: number) => string,
): RawHtml {
  const measured = (rows: TimelinePoint[]): TimelinePoint[] =>
    key === 'rps' ? rows : rows.filter((r) => r.requests > 0);
  const series: ChartSeries[] = [
    {
      id: `before:${key}`,
      label: `before ${key}`,
      color: BEFORE,
      dashed: true,
      points: measured(c.timelines.before).map((r) => ({ t: r.t, v: r[key] })),
    },
    {
      id: `after:${key}`,
      label: `after ${key}`,
      color: AFTER,
      points: measured(c.timelines.after).map((r) => ({ t: r.t, v: r[key] })),
    },
  ];
  return renderLineChart({ id, title, axis: axisOf(c), series, format, height: 180 });
}

export function renderComparisonHtml(c: Comparison): string {
  const run = c.figures.filter((f) => f.group !== 'score');
  const scores = c.figures.filter((f) => f.group === 'score');
  const notes = c.not_comparable.length
    ? html`<div class="banner"><b>Not comparable</b><ul>${c.not_comparable.map((n) => html`<li>${n}</li>`)}</ul></div>`
    : html``;
  const rules = c.rules.length
    ? html`<table class="rules"><thead><tr><th>Rule</th><th>Category</th><th>Before</th><th>After</th>
<th>Verdict</th><th>Now</th></tr></thead><tbody>${c.rules.map(
        (r) =>
          html`<tr data-rule="${r.id}" data-verdict="${r.verdict}"><td><code>${r.id}</code></td>
<td>${r.category}</td><td><span class="pill ${r.before}">${ruleStateWord(r.before)}</span></td><td>
<span class="pill ${r.after}">${ruleStateWord(r.after)}</span></td><td>${pill(r.verdict)}</td><td>${r.message}</td>
</tr>`,
      )}</tbody></table>`
    : html`<p class="muted">No rule changed status.</p>`;
  const gates = c.gates.length
    ? html`<h2>Gates</h2><table class="gates"><thead><tr><th>Gate</th><th>Before</th><th>After</th>
<th class="num">Value before</th><th class="num">Value after</th><th>Verdict</th></tr></thead><tbody>${c.gates.map(
        (g) =>
          html`<tr data-gate="${g.id}" data-verdict="${g.verdict}"><td><code>${g.id}</code></td>
<td>${gateWord(g.before)}</td><td>${gateWord(g.after)}</td>
<td class="num">${g.before_value === null ? '—' : formatNumber(g.before_value, 3)}</td>
<td class="num">${g.after_value === null ? '—' : formatNumber(g.after_value, 3)}</td><td>${pill(g.verdict)}</td></tr>`,
      )}</tbody></table>`
    : html``;
  const endpoints = c.endpoints.map(
    (e) => html`<h3>${e.name} <code>${e.method} ${e.path}</code></h3>${figureTable(e.figures, 'endpoint')}`,
  );
  const avoided =
    c.queries_avoided_per_1000_requests === null
      ? html``
      : html`<p>Queries avoided per 1,000 requests: <b>${formatValue(c.queries_avoided_per_1000_requests, 'queries')}</b></p>`;
  const banner = c.gate_regressions.length ? 'banner bad' : 'banner ok';

  const body = html`<header><h1>scale-audit compare</h1>
<p class="sub"><b>Before</b> ${describeRun(c.before)}<br>
<b>After</b> ${describeRun(c.after)}<br>${scopeNote(c)}</p></header>
<div class="${banner}" data-gate-regressions="${c.gate_regressions.length}">${headline(c)}</div>
${notes}
<h2>Figures</h2>${figureTable(run, 'figures')}${avoided}
<h2>Over time <span class="muted">before dashed, after solid</span></h2>
${overlay('chart-compare-p95', 'Latency p95 per second', 'p95', c, formatMs)}
${overlay('chart-compare-p99', 'Latency p99 per second', 'p99', c, formatMs)}
${overlay('chart-compare-rps', 'Throughput per second', 'rps', c, (v) => formatNumber(v, 1))}
${scores.length ? html`<h2>Score</h2>${figureTable(scores, 'scores', 'Category')}` : html``}
<h2>Rules whose status changed</h2>${rules}
${gates}
${endpoints.length ? html`<h2>Endpoints</h2>${endpoints}` : html``}
<footer>Generated by scale-audit. Verdicts: a change counts only when it is beyond run-to-run noise (Mann-Whitney U on per-second values, or a two-proportion test on counts) and larger than the figure's minimum effect.</footer>`;
  return htmlPage(`scale-audit compare · ${c.after.target}`, body);
}
