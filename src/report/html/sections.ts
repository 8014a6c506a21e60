/** The tables and panels of the HTML run report. Every string goes through the escaping `html` template. */
import { APP_HEAD, APP_NOTE, appMissingLine, appRows } from '../app-figures.js';
import type { Finding, FindingStatus, RunResult } from '../../result/run-result.js';
import { html } from './escape.js';
import type { RawHtml } from './escape.js';
import { formatBytes, formatMs, formatNumber, formatPercent, formatValue } from '../../util/format.js';
import { successRps } from '../../audit/window.js';
import { endedEarlyLine, FLOW_HEAD, flowRows } from '../flow-figures.js';
import { gateThreshold, gateValue } from '../run-figures.js';

const STATUS_ORDER: readonly FindingStatus[] = ['fail', 'warn', 'pass', 'not-measured'];

const pill = (status: string, text: string = status): RawHtml => html`<span class="pill ${status}">${text}</span>`;

function card(label: string, value: string, note = ''): RawHtml {
  return html`<div class="card"><div class="label">${label}</div>
<div class="value">${value}</div>${note ? html`<div class="note">${note}</div>` : html``}</div>`;
}

export function headerSection(run: RunResult): RawHtml {
  const plan = run.plan;
  const load =
    plan.model === 'open'
      ? plan.rate !== undefined
        ? `${plan.rate} req/s (open model)`
        : 'staged rate (open model)'
      : `${plan.connections ?? '?'} connections (closed model)`;
  const banners: RawHtml[] = [];
  if (run.partial)
    banners.push(html`<div class="banner bad">Partial run: ${run.stop_reason ?? 'stopped early'}.</div>`);
  const ended = endedEarlyLine(run);
  if (ended) banners.push(html`<div class="banner">${ended}</div>`);
  if (run.generator.lagged) {
    const reason = run.generator.reason ? `: ${run.generator.reason}` : '';
    const lagged = `The load generator could not keep its schedule${reason}.`;
    banners.push(html`<div class="banner">${lagged} Figures may understate what the target can do.</div>`);
  }
  const warmup = plan.warmup_s ? ` after ${plan.warmup_s} s warmup` : '';
  const measured = html`${formatNumber(run.duration_s)} s measured${warmup}`;
  return html`<header>
<h1>scale-audit report</h1>
<p class="sub"><b>${plan.target}</b> · ${run.started_at} · ${measured} · ${load}</p>
${banners}
</header>`;
}

export function summaryCards(run: RunResult): RawHtml {
  const s = run.summary;
  const l = s.latency_ms;
  const cards: RawHtml[] = [
    card('Requests', formatNumber(s.requests, 0), s.dropped ? `${s.dropped} dropped` : ''),
    card(
      'Throughput',
      formatValue(successRps(s, run.duration_s), 'req/s'),
      [
        s.errors ? `successful of ${formatNumber(s.rps, 1)} answered` : '',
        s.target_rps !== undefined ? `target ${formatNumber(s.target_rps, 1)}` : '',
      ]
        .filter(Boolean)
        .join(' · '),
    ),
    card('Error rate', formatPercent(s.error_rate, 2), `${s.errors} errors`),
    card('p50', formatMs(l.p50)),
    card('p95', formatMs(l.p95)),
    card('p99', formatMs(l.p99)),
    card(
      'Score',
      run.score.overall === null ? '—' : formatNumber(run.score.overall, 0),
      run.score.overall === null ? 'not measured' : 'out of 100',
    ),
  ];
  const e = run.evidence;
  if (e.db?.queries_per_request !== undefined)
    cards.push(card('Queries / request', formatNumber(e.db.queries_per_request, 2)));
  if (e.db?.buffer_hit_ratio !== undefined) cards.push(card('DB buffer hit', formatPercent(e.db.buffer_hit_ratio, 2)));
  if (e.db?.replica_lag_max_s !== undefined)
    cards.push(card('Replica lag max', `${formatNumber(e.db.replica_lag_max_s, 2)} s`));
  if (e.cache?.hit_ratio !== undefined) cards.push(card('Redis hit', formatPercent(e.cache.hit_ratio)));
  if (e.queues?.depth_max !== undefined) cards.push(card('Max queue depth', formatNumber(e.queues.depth_max, 0)));
  if (e.edge?.offload_ratio !== undefined)
    cards.push(
      card('CDN offload', formatPercent(e.edge.offload_ratio), `${formatBytes(e.edge.bytes_from_cache)} from cache`),
    );
  return html`<div class="cards">${cards}</div>`;
}

export function gatesSection(run: RunResult): RawHtml {
  if (run.gates.length === 0)
    return html`<h2>Gates</h2><p class="muted">No gates set (SLOs or budgets in the config).</p>`;
  const failed = run.gates.filter((g) => !g.passed).length;
  const rows = run.gates.map(
    (g) =>
      html`<tr data-gate="${g.id}"><td>${pill(g.passed ? 'pass' : 'fail', g.passed ? 'passed' : 'failed')}</td><td>
<code>${g.id}</code></td><td class="num">${gateValue(g)}</td>
<td class="num">${gateThreshold(g)}</td><td>${g.message ?? ''}</td></tr>`,
  );
  return html`<h2>Gates <span class="muted">${
    failed ? `${failed} of ${run.gates.length} ` + `failed` : `all ${run.gates.length} passed`
  }</span></h2>
<table class="gates"><thead><tr><th>Result</th><th>Gate</th><th class="num">Value</th>
<th class="num">Threshold</th><th>Message</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function scoreSection(run: RunResult): RawHtml {
  const bar = (name: string, v: number | null): RawHtml =>
    html`<div class="score" data-category="${name}"><span class="name">${name}</span><span class="bar">
<i style="width:${v ?? 0}%"></i></span><span class="n">${v === null ? '—' : formatNumber(v, 0)}</span></div>`;
  const categories = Object.entries(run.score.categories).map(([name, v]) => bar(name, v));
  return html`<h2>Score</h2>${bar('Overall', run.score.overall)}${categories}
<p class="muted">pass = 1, warn = ½, fail = 0 per rule, weighted; rules not measured are left out of the score.</p>`;
}

function detailsOf(f: Finding): RawHtml {
  if (!f.details || Object.keys(f.details).length === 0) return html``;
  const items = Object.entries(f.details).map(
    ([k, v]) =>
      html`<div><span class="muted">${k}:</span> <code>${typeof v === 'string' ? v : JSON.stringify(v)}</code></div>`,
  );
  return html`<details><summary>details</summary>${items}</details>`;
}

const shown = (v: number | string | null): string =>
  v === null ? '—' : typeof v === 'number' ? formatNumber(v, 3) : v;

export function findingsSection(run: RunResult): RawHtml {
  const sorted = [...run.findings].sort(
    (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || a.id.localeCompare(b.id),
  );
  const counts = STATUS_ORDER.map((s) => [s, run.findings.filter((f) => f.status === s).length] as const).filter(
    ([, n]) => n > 0,
  );
  const rows = sorted.map((f) => {
    const limit = html`<div class="muted">${f.threshold === null ? '' : `limit ${shown(f.threshold)}`}</div>`;
    const remedy =
      f.status === 'pass' || f.status === 'not-measured' ? html`` : html`<div class="remedy">${f.remedy}</div>`;
    return html`<tr class="finding" data-finding="${f.id}" data-status="${f.status}"><td>${pill(f.status)}</td><td>
<code>${f.id}</code><div class="muted">${f.category}</div></td><td>${f.title}</td>
<td class="num">${shown(f.value)}${limit}</td><td>${f.message}${remedy}${detailsOf(f)}</td></tr>`;
  });
  return html`<h2>Findings <span class="muted">${counts.map(([s, n]) => `${n} ${s}`).join(' · ')}</span></h2>
<table class="findings"><thead><tr><th>Status</th><th>Rule</th><th>Title</th><th class="num">Value</th>
<th>What we saw</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function endpointsSection(run: RunResult): RawHtml {
  const rows = Object.values(run.endpoints).map((e) => {
    const s = e.summary;
    return html`<tr class="endpoint" data-endpoint="${e.name}"><td>${e.name}</td><td>
<code>${e.method} ${e.path}</code></td><td class="num">${formatNumber(s.requests, 0)}</td>
<td class="num">${formatNumber(s.rps, 1)}</td><td class="num">${formatPercent(s.error_rate, 2)}</td>
<td class="num">${formatMs(s.latency_ms.p50)}</td><td class="num">${formatMs(s.latency_ms.p95)}</td>
<td class="num">${formatMs(s.latency_ms.p99)}</td><td class="num">${formatMs(s.latency_ms.max)}</td></tr>`;
  });
  return html`<h2>Endpoints</h2>
<table class="endpoints"><thead><tr><th>Name</th><th>Request</th><th class="num">Requests</th>
<th class="num">req/s</th><th class="num">Errors</th><th class="num">p50</th><th class="num">p95</th>
<th class="num">p99</th><th class="num">max</th></tr></thead><tbody>${rows}</tbody></table>`;
}

export function appSection(run: RunResult): RawHtml {
  const missing = appMissingLine(run);
  if (missing) return html`<h2>The app's own figures</h2><p class="sub">${missing}</p>`;
  const rows = appRows(run);
  if (!rows.length) return html``;
  const left = new Set([0, APP_HEAD.length - 2, APP_HEAD.length - 1]);
  const cells = (row: string[]): RawHtml[] =>
    row.map((cell, i) => (left.has(i) ? html`<td>${cell}</td>` : html`<td class="num">${cell}</td>`));
  const head = APP_HEAD.map((h, i) => (left.has(i) ? html`<th>${h}</th>` : html`<th class="num">${h}</th>`));
  const body = rows.map((r) => html`<tr class="app" data-endpoint="${r[0]!}">${cells(r)}</tr>`);
  return html`<h2>The app's own figures</h2>
<p class="sub">${APP_NOTE}</p>
<table class="app"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

export function flowsSection(run: RunResult): RawHtml {
  const rows = flowRows(run);
  if (!rows.length) return html``;
  const cells = (row: string[]): RawHtml[] =>
    row.map((cell, i) =>
      i === 0 || i === row.length - 1 ? html`<td>${cell}</td>` : html`<td class="num">${cell}</td>`,
    );
  const head = FLOW_HEAD.map((h, i) =>
    i === 0 || i === FLOW_HEAD.length - 1 ? html`<th>${h}</th>` : html`<th class="num">${h}</th>`,
  );
  const body = rows.map((r) => html`<tr class="flow" data-flow="${r[0]!}">${cells(r)}</tr>`);
  return html`<h2>Flows</h2>
<p class="sub">Each iteration is one virtual user's session; latency covers its completed iterations, from the
first request's intended start to the last response. Each step is also an endpoint above.</p>
<table class="flows"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

export function statementsSection(run: RunResult, limit = 10): RawHtml {
  const statements = [...(run.evidence.db?.statements ?? [])].sort((a, b) => b.total_ms - a.total_ms).slice(0, limit);
  if (statements.length === 0) return html``;
  const rows = statements.map(
    (s) =>
      html`<tr class="statement"><td><code>${s.query}</code></td><td>${s.where}</td>
<td class="num">${formatNumber(s.calls, 0)}</td>
<td class="num">${s.calls_per_request === undefined ? '—' : formatNumber(s.calls_per_request, 2)}</td>
<td class="num">${formatMs(s.mean_ms)}</td><td class="num">${formatMs(s.total_ms)}</td>
<td class="num">${formatNumber(s.rows, 0)}</td></tr>`,
  );
  return html`<h2>Top statements <span class="muted">by total time</span></h2>
<table class="statements"><thead><tr><th>Statement</th><th>Where</th><th class="num">Calls</th>
<th class="num">Per request</th><th class="num">Mean</th><th class="num">Total</th><th class="num">Rows</th></tr>
</thead><tbody>${rows}</tbody></table>`;
}

export function drillSection(run: RunResult): RawHtml {
  const d = run.drill;
  if (!d) return html``;
  const rows = d.actions.map((a) => {
    const output = a.output ? html`<details><summary>output</summary><pre>${a.output}</pre></details>` : html``;
    const exit = a.timed_out ? 'timed out' : a.exit_code === null ? '—' : String(a.exit_code);
    const at = html`<td class="num">${formatNumber(a.at_s, 1)} s</td>`;
    const command = html`<td><code>${a.command}</code>${output}</td>`;
    return html`<tr><td>${a.name}</td><td>${a.kind}</td>${at}${command}<td class="num">${exit}</td></tr>`;
  });
  return html`<h2>Drill</h2><p>${d.summary}</p>
<div class="cards">${card('Baseline p95', formatMs(d.baseline.p95_ms))}${card(
    'p95 during ' + 'fault',
    formatMs(d.degradation.p95_ms),
  )}${card(
    'Error rate during ' + 'fault',
    formatPercent(d.degradation.error_rate, 2),
  )}${card('Recovery', d.recovery_s === null ? 'never' : `${formatNumber(d.recovery_s, 1)} s`)}</div>
<table class="drill"><thead><tr><th>Action</th><th>Kind</th><th class="num">At</th><th>Command</th>
<th class="num">Exit</th></tr></thead><tbody>${rows}</tbody></table>${drillSources(d.sources ?? [])}`;
}

function drillSources(sources: NonNullable<NonNullable<RunResult['drill']>['sources']>): RawHtml {
  if (sources.length === 0) return html``;
  const rows = sources.map(
    (s) =>
      html`<tr><td><code>${s.key}</code></td><td>${s.kind === 'replica_lag' ? 'replica lag' : 'queue depth'}</td>
<td class="num">${formatNumber(s.threshold, 2)}</td><td class="num">${formatNumber(s.peak, 2)}</td>
<td class="num">${s.recovery_s === null ? 'never' : `${formatNumber(s.recovery_s, 1)} s`}</td></tr>`,
  );
  return html`<h3>Sources after the fault</h3><table class="drill-sources"><thead><tr><th>Series</th><th>Kind</th>
<th class="num">Back under</th><th class="num">Peak</th><th class="num">Recovered after</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

export function configSection(run: RunResult): RawHtml {
  const env = run.environment;
  const g = run.generator;
  const host = html`node ${env.node} on ${env.platform}/${env.arch}, ${env.cpus} CPUs, host ${env.hostname}`;
  const delay = formatMs(g.event_loop_delay_ms.p99);
  const lag = formatMs(g.schedule_lag_ms.p99);
  const cpu = formatPercent(g.cpu_ratio, 0);
  const queue = g.queue_ms ? `, queue p99 ${formatMs(g.queue_ms.p99)}` : '';
  const generator = html`generator event-loop delay p99 ${delay}, schedule lag p99 ${lag}${queue}, CPU ${cpu}`;
  const config = JSON.stringify(run.config, null, 2);
  return html`<h2>Run details</h2>
<p class="muted">scale-audit ${run.tool.version} · ${host} · ${generator}</p>
<details><summary>Configuration (secrets redacted)</summary><pre class="config">${config}</pre></details>`;
}
