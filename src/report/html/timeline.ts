/**
 * The run's charts on one shared time axis: latency percentiles, throughput and errors, then every
 * source series, all with the drill markers, so a fault lines up with what each system did.
 */
import type { RunResult } from '../../result/run-result.js';
import { renderLineChart } from './chart.js';
import type { ChartMarker, TimeAxis } from './chart.js';
import { html } from './escape.js';
import type { RawHtml } from './escape.js';
import { formatNumber } from '../../util/format.js';
import { sourceLines } from './source-series.js';

export const COLORS = {
  p50: '#2da44e',
  p95: '#bf8700',
  p99: '#cf222e',
  rps: '#0969da',
  errors: '#cf222e',
  source: '#8250df',
};

export function timeAxisOf(run: RunResult): TimeAxis {
  const ts = [0, run.duration_s, ...run.timeline.map((r) => r.t)];
  for (const s of Object.values(run.sources)) for (const p of s.series) ts.push(p.t);
  for (const a of run.drill?.actions ?? []) ts.push(a.at_s);
  return { min: Math.min(...ts), max: Math.max(...ts) };
}

export function markersOf(run: RunResult, axis: TimeAxis): ChartMarker[] {
  const markers: ChartMarker[] = (run.drill?.actions ?? []).map((a) => ({ t: a.at_s, label: a.name, kind: a.kind }));
  if (axis.max > run.duration_s) markers.push({ t: run.duration_s, label: 'load end', kind: 'info' });
  return markers;
}

export function latencyChart(run: RunResult, axis: TimeAxis, markers: ChartMarker[]): RawHtml {
  const rows = run.timeline.filter((r) => r.requests > 0);
  return renderLineChart({
    id: 'chart-latency',
    title: 'Latency percentiles per second',
    axis,
    markers,
    unit: 'ms',
    series: (['p50', 'p95', 'p99'] as const).map((k) => ({
      id: k,
      label: k,
      color: COLORS[k],
      points: rows.map((r) => ({ t: r.t, v: r[k] })),
    })),
  });
}

export function throughputChart(run: RunResult, axis: TimeAxis, markers: ChartMarker[]): RawHtml {
  return renderLineChart({
    id: 'chart-throughput',
    title: 'Throughput and errors per second',
    axis,
    markers,
    height: 170,
    unit: 'req/s',
    series: [
      { id: 'rps', label: 'requests/s', color: COLORS.rps, points: run.timeline.map((r) => ({ t: r.t, v: r.rps })) },
      {
        id: 'errors',
        label: 'errors/s',
        color: COLORS.errors,
        points: run.timeline.map((r) => ({ t: r.t, v: r.errors })),
      },
    ],
  });
}

export function sourceCharts(run: RunResult, axis: TimeAxis, markers: ChartMarker[]): RawHtml[] {
  return Object.values(run.sources)
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((source) => {
      const lines = sourceLines(source);
      const charts = lines.charted.map((line) =>
        renderLineChart({
          id: `chart-source-${source.id}-${line.key}`,
          title: line.label,
          axis,
          markers,
          height: 110,
          labelMarkers: false,
          gaps: source.gaps,
          unit: line.unit,
          series: [{ id: `${source.id}:${line.key}`, label: line.label, color: COLORS.source, points: line.points }],
        }),
      );
      const constant = lines.constant.length
        ? html`<p class="muted">Constant: ${lines.constant
            .map((c) => `${c.key} = ` + `${formatNumber(c.value)}`)
            .join(' · ')}</p>`
        : html``;
      const omitted = lines.omitted.length
        ? html`<p class="muted">Not charted: ${lines.omitted.join(', ')}</p>`
        : html``;
      const gaps = source.gaps.length
        ? html`<p class="muted">${source.gaps.length} failed sample(s), marked in red under the plots.</p>`
        : html``;
      const empty = source.series.length === 0 ? html`<p class="muted">No samples.</p>` : html``;
      return html`<section class="source" data-source="${source.id}">
<h3>${source.kind} · ${source.id} <span class="muted">${source.description}</span>
</h3>${empty}${charts}${constant}${omitted}${gaps}</section>`;
    });
}
