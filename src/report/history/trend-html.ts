/**
 * `history trend --format html`: one self-contained page with the figure per run, its interval as two dashed
 * lines, and a marker on each run where it changed (the same judge as compare).
 */
import { renderLineChart } from '../html/chart.js';
import type { ChartMarker, ChartSeries } from '../html/chart.js';
import { html } from '../html/escape.js';
import { htmlPage } from '../html/page.js';
import { COLORS } from '../html/timeline.js';
import type { Trend } from '../../history/trend.js';
import { renderTrendText, trendTitle } from './trend-text.js';

export function renderTrendHtml(t: Trend): string {
  const at = t.points.map((p, i) => ({ p, x: i + 1 }));
  const band = (side: 'low' | 'high'): ChartSeries => ({
    id: `interval-${side}`,
    label: `interval ${side}`,
    color: COLORS.p95,
    dashed: true,
    points: at.filter(({ p }) => p[side] !== null).map(({ p, x }) => ({ t: x, v: p[side]! })),
  });
  const markers: ChartMarker[] = at
    .filter(({ p }) => p.change?.verdict === 'regressed' || p.change?.verdict === 'improved')
    .map(({ p, x }) => ({
      t: x,
      label: `#${p.id} ${p.change!.verdict}`,
      kind: p.change!.verdict === 'regressed' ? 'fault' : 'recover',
    }));
  const chart = renderLineChart({
    id: 'trend',
    title: trendTitle(t),
    axis: { min: 1, max: Math.max(2, t.points.length) },
    series: [
      { id: t.figure, label: t.figure, color: COLORS.p50, points: at.map(({ p, x }) => ({ t: x, v: p.value })) },
      band('low'),
      band('high'),
    ],
    markers,
    unit: t.unit,
    labelMarkers: true,
  });
  const body = html`<h1>scale-audit history trend</h1>
<p class="muted">x axis: recorded runs, oldest first (run ids below); markers: runs where the figure changed.</p>
${chart}
<pre>${renderTrendText(t)}</pre>`;
  return htmlPage(`scale-audit trend: ${trendTitle(t)}`, body);
}
