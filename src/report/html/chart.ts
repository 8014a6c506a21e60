/**
 * Inline SVG line charts on a shared time axis. Every series is one
 * `<polyline data-series="…" data-points="N">` with exactly N coordinate pairs, so a test (or a reader
 * of the DOM) can count what was drawn; drill actions are vertical markers across the plot.
 */
import { html, raw } from './escape.js';
import type { RawHtml } from './escape.js';
import { formatTicks, type ValueUnit } from '../../util/format.js';

export interface ChartPoint {
  t: number;
  v: number;
}

export interface ChartSeries {
  /** Stable key, written to data-series. */
  id: string;
  label: string;
  color: string;
  points: ChartPoint[];
  dashed?: boolean;
}

export interface ChartMarker {
  t: number;
  label: string;
  kind: 'fault' | 'recover' | 'info';
}

export interface TimeAxis {
  min: number;
  max: number;
}

export interface LineChartSpec {
  id: string;
  title: string;
  axis: TimeAxis;
  series: ChartSeries[];
  markers?: ChartMarker[];
  /** The unit of the y values: the tick labels are formatted in it (src/util/format.ts, formatTicks). */
  unit: ValueUnit;
  height?: number;
  /** Write the markers' names on the plot (off for small multiples: the line and its tooltip remain). */
  labelMarkers?: boolean;
  /** Formats an x-axis value (default: seconds, "30s"); a chart over rates passes its own. */
  formatX?: (x: number) => string;
  /** Gaps in the data (failed samples), drawn as ticks under the plot. */
  gaps?: { t: number; reason: string }[];
}

export const CHART_WIDTH = 960;
const PAD = { left: 64, right: 16, top: 14, bottom: 24 };

/** The first of 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k at or above x. */
export function niceCeiling(x: number): number {
  if (!(x > 0)) return 1;
  const base = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * base >= x) return m * base;
  return 10 * base;
}

const ROUND_STEPS = [1, 2, 2.5, 3, 5];

/** How many grid steps split [0, span] into round numbers: 1, 2, 2.5, 3 or 5 × 10^k (100, not 75; 30, not 37.5). */
export function yDivisions(span: number): number {
  const norm = (d: number): number => {
    const step = span / d;
    return step / 10 ** Math.floor(Math.log10(step) + 1e-9);
  };
  const round = [4, 5, 3, 6, 2].find((d) => ROUND_STEPS.some((m) => Math.abs(norm(d) - m) < 1e-9));
  if (round) return round;
  return [4, 5, 3, 2].find((d) => Math.abs(norm(d) * 2 - Math.round(norm(d) * 2)) < 1e-9) ?? 4;
}

function timeStep(span: number): number {
  for (const step of [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200])
    if (span / step <= 12) return step;
  // Longer than a day: whole hours, still about a dozen ticks whatever the span says.
  return Math.ceil(span / 12 / 3600) * 3600;
}

const fmtTime = (t: number): string => (Math.abs(t) >= 120 && t % 60 === 0 ? `${t / 60}m` : `${t}s`);
const short = (label: string): string => (label.length > 28 ? `${label.slice(0, 27)}…` : label);
const r1 = (x: number): string => (Math.round(x * 10) / 10).toString();

export function renderLineChart(spec: LineChartSpec): RawHtml {
  const fmtX = spec.formatX ?? fmtTime;
  const height = spec.height ?? 200;
  const plotW = CHART_WIDTH - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const span = Math.max(spec.axis.max - spec.axis.min, 1);
  const x = (t: number): number => PAD.left + ((t - spec.axis.min) / span) * plotW;
  const values = spec.series.flatMap((s) => s.points.map((p) => p.v)).filter(Number.isFinite);
  const yMin = Math.min(0, ...values);
  // 5 % headroom so a flat line at the maximum does not sit on the frame.
  const yMax = values.length ? niceCeiling((Math.max(...values) - yMin) * 1.05) + yMin : 1;
  const y = (v: number): number => PAD.top + plotH - ((v - yMin) / (yMax - yMin || 1)) * plotH;

  const divisions = yDivisions(yMax - yMin);
  const yTicks = Array.from({ length: divisions + 1 }, (_, i) => yMin + (i / divisions) * (yMax - yMin));
  const step = timeStep(span);
  const xTicks: number[] = [];
  for (let t = Math.ceil(spec.axis.min / step) * step; t <= spec.axis.max && xTicks.length <= 24; t += step)
    xTicks.push(t);

  const yLabels = formatTicks(yTicks, spec.unit);
  const grid = yTicks.map(
    (v, i) =>
      html`<line class="grid" x1="${PAD.left}" x2="${CHART_WIDTH - PAD.right}" y1="${r1(y(v))}" y2="${r1(y(v))}"/>
<text class="tick" x="${PAD.left - 6}" y="${r1(y(v) + 4)}" text-anchor="end">${yLabels[i]}</text>`,
  );
  const xLabels = xTicks.map(
    (t) =>
      html`<line class="grid-x" x1="${r1(x(t))}" x2="${r1(x(t))}" y1="${PAD.top}" y2="${PAD.top + plotH}"/>
<text class="tick" x="${r1(x(t))}" y="${height - 6}" text-anchor="middle">${fmtX(t)}</text>`,
  );
  const lines = spec.series.map((s) => {
    const pts = s.points.filter((p) => Number.isFinite(p.v));
    const coords = pts.map((p) => `${r1(x(p.t))},${r1(y(p.v))}`).join(' ');
    const dot =
      pts.length === 1
        ? html`<circle cx="${r1(x(pts[0]!.t))}" cy="${r1(y(pts[0]!.v))}" r="3" fill="${s.color}"/>`
        : raw('');
    const cls = s.dashed ? 'series dashed' : 'series';
    const open = html`<polyline class="${cls}" data-series="${s.id}" data-points="${pts.length}" points="${coords}"`;
    return html`${open} stroke="${s.color}"><title>${s.label}</title></polyline>${dot}`;
  });
  const markers = (spec.markers ?? [])
    .filter((m) => m.t >= spec.axis.min && m.t <= spec.axis.max)
    .map((m) => {
      const label =
        spec.labelMarkers === false
          ? html``
          : html`<text x="${r1(x(m.t) + 3)}" y="${PAD.top + 9}">${short(m.label)}</text>`;
      return html`<g class="marker ${m.kind}" data-marker-t="${m.t}"><line x1="${r1(x(m.t))}" x2="${r1(x(m.t))}"
y1="${PAD.top}" y2="${PAD.top + plotH}"/>
${label}<title>${m.label} at ${fmtX(m.t)}</title></g>`;
    });
  const gaps = (spec.gaps ?? []).map(
    (g) =>
      html`<rect class="gap" x="${r1(x(g.t) - 1)}" y="${PAD.top + plotH - 4}" width="3" height="4">
<title>no sample at ${fmtTime(g.t)}: ${g.reason}</title></rect>`,
  );
  const legend =
    spec.series.length < 2
      ? []
      : spec.series.map((s) => html`<span class="key"><i style="background:${s.color}"></i>${s.label}</span>`);

  const viewBox = `0 0 ${CHART_WIDTH} ${height}`;
  return html`<figure class="chart" id="${spec.id}" data-chart="${spec.id}">
<figcaption><b>${spec.title}</b> ${legend}</figcaption>
<svg viewBox="${viewBox}" width="100%" role="img" aria-label="${spec.title}" preserveAspectRatio="xMidYMid meet">
<rect class="plot" x="${PAD.left}" y="${PAD.top}" width="${plotW}" height="${plotH}"/>
${grid}${xLabels}${lines}${markers}${gaps}
</svg>
</figure>`;
}
