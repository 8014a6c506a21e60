/**
 * The capacity section of the HTML report: latency against rate (the knee), achieved against asked, and each
 * source signal on the same rate axis, with the answer marked; then the step table. Escaped by `html`.
 */
import type { CapacityResult, CapacityStep, RunResult } from '../../result/run-result.js';
import { capacityHeadline, concurrencyText, signalsText, uslText } from '../../capacity/render.js';
import { renderLineChart, type ChartMarker, type ChartSeries, type TimeAxis } from './chart.js';
import { html, type RawHtml } from './escape.js';
import { formatMs, formatNumber, formatPercent } from '../../util/format.js';
import { COLORS } from './timeline.js';

const SIGNAL_COLORS = ['#7b3294', '#008837', '#c2a5cf', '#a6611a', '#018571', '#d01c8b', '#4dac26', '#5e3c99'];

export function capacitySection(run: RunResult): RawHtml {
  const c = run.capacity;
  if (!c) return html``;
  const steps = [...c.steps].filter((s) => s.verdict !== 'interrupted').sort((a, b) => a.rate - b.rate);
  const axis = rateAxis(steps);
  const markers = answerMarkers(c);
  const rateLabel = (r: number): string => `${formatNumber(r)}/s`;
  const subtitle = html`<span class="muted">each step's steady part, on one rate axis (req/s asked)</span>`;
  const limits = c.limited_by.map((l) => html`<li data-signal="${l.signal}"><b>${l.signal}</b>: ${l.detail}</li>`);
  return html`<h2>Capacity ${subtitle}</h2>
<p class="capacity-answer" data-status="${c.status}"><b>${capacityHeadline(c)}</b></p>
<ul class="capacity-facts">${limits}
<li>concurrency: ${concurrencyText(c)}</li><li>USL: ${uslText(c)}</li></ul>
${steps.length ? latencyVsRate(steps, c, axis, markers, rateLabel) : html``}
${steps.length ? achievedVsRate(steps, axis, markers, rateLabel) : html``}
${signalCharts(steps, axis, markers, rateLabel)}
${stepTable(c)}`;
}

function rateAxis(steps: readonly CapacityStep[]): TimeAxis {
  const rates = steps.map((s) => s.rate);
  return { min: 0, max: Math.max(1, ...rates) };
}

function answerMarkers(c: CapacityResult): ChartMarker[] {
  const out: ChartMarker[] = [];
  if (c.max_rate !== null) out.push({ t: c.max_rate, label: `max ${c.max_rate} req/s`, kind: 'recover' });
  if (c.bracket[1] !== null) out.push({ t: c.bracket[1], label: `fails at ${c.bracket[1]}`, kind: 'fault' });
  return out;
}

type Fmt = (r: number) => string;

function latencyVsRate(
  steps: CapacityStep[],
  c: CapacityResult,
  axis: TimeAxis,
  markers: ChartMarker[],
  fx: Fmt,
): RawHtml {
  const series: ChartSeries[] = [
    line('p50', 'p50', COLORS.p50, steps, (s) => s.p50_ms),
    line('p95', 'p95', COLORS.p95, steps, (s) => s.p95_ms),
    line('p99', 'p99', COLORS.p99, steps, (s) => s.p99_ms),
  ];
  if (c.slo.p95 !== undefined)
    series.push({
      id: 'slo-p95',
      label: 'p95 SLO',
      color: '#999',
      dashed: true,
      points: [
        { t: axis.min, v: c.slo.p95 },
        { t: axis.max, v: c.slo.p95 },
      ],
    });
  return renderLineChart({
    id: 'capacity-latency',
    title: 'Latency against rate (the knee)',
    axis,
    series,
    markers,
    unit: 'ms',
    formatX: fx,
  });
}

function achievedVsRate(steps: CapacityStep[], axis: TimeAxis, markers: ChartMarker[], fx: Fmt): RawHtml {
  const series: ChartSeries[] = [
    line('achieved', 'achieved req/s', COLORS.rps, steps, (s) => s.achieved_rps),
    {
      id: 'asked',
      label: 'asked',
      color: '#999',
      dashed: true,
      points: [
        { t: 0, v: 0 },
        { t: axis.max, v: axis.max },
      ],
    },
  ];
  return renderLineChart({
    id: 'capacity-throughput',
    title: 'Achieved against asked',
    axis,
    series,
    markers,
    unit: 'req/s',
    height: 160,
    formatX: fx,
  });
}

function signalCharts(steps: CapacityStep[], axis: TimeAxis, markers: ChartMarker[], fx: Fmt): RawHtml[] {
  const names = [...new Set(steps.flatMap((s) => Object.keys(s.signals)))].filter((n) => n !== 'generator.cpu');
  return names.map((name, i) =>
    renderLineChart({
      id: `capacity-signal-${name}`,
      title: name,
      axis,
      series: [
        line(
          name,
          name,
          SIGNAL_COLORS[i % SIGNAL_COLORS.length]!,
          steps.filter((s) => s.signals[name] !== undefined),
          (s) => s.signals[name]!,
        ),
      ],
      markers,
      unit: name.startsWith('web.') || name === 'postgres.connections' ? 'ratio' : 'count',
      height: 120,
      labelMarkers: false,
      formatX: fx,
    }),
  );
}

function line(
  id: string,
  label: string,
  color: string,
  steps: CapacityStep[],
  value: (s: CapacityStep) => number,
): ChartSeries {
  return { id, label, color, points: steps.map((s) => ({ t: s.rate, v: value(s) })) };
}

function stepTable(c: CapacityResult): RawHtml {
  const rows = c.steps.map((s) => {
    const rate = html`<td class="num">${s.rate}${s.confirmation ? ' (hold)' : ''}</td>`;
    const achieved = html`<td class="num">${formatNumber(s.achieved_rps, 1)}</td>`;
    const latency = html`<td class="num">${formatMs(s.p50_ms)}</td><td class="num">${formatMs(s.p95_ms)}</td>`;
    const p99 = html`<td class="num">${formatMs(s.p99_ms)}</td>`;
    const errors = html`<td class="num">${formatPercent(s.error_rate, 2)}</td>`;
    const verdict = html`<td>${signalsText(s)}</td><td>${s.verdict}</td><td>${s.reason}</td>`;
    return html`<tr class="${s.verdict}">${rate}${achieved}
${latency}${p99}
${errors}${verdict}</tr>`;
  });
  const head = html`<th class="num">Rate</th><th class="num">Achieved</th><th class="num">p50</th>
<th class="num">p95</th><th class="num">p99</th><th class="num">Errors</th>`;
  return html`<table class="capacity-steps"><thead><tr>${head}<th>Signals</th><th>Verdict</th><th>Why</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}
