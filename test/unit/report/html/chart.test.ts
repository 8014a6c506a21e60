import { describe, expect, it } from 'vitest';
import { renderLineChart } from '../../../../src/report/html/chart.js';

/** The y axis's tick labels, top to bottom of the source order. */
const yTicks = (svg: string): string[] =>
  [...svg.matchAll(/<text class="tick" [^>]*text-anchor="end">([^<]*)<\/text>/g)].map((m) => m[1]!);

const chart = (values: number[], unit: Parameters<typeof renderLineChart>[0]['unit']) =>
  String(
    renderLineChart({
      id: 'c',
      title: 'c',
      axis: { min: 0, max: values.length - 1 },
      unit,
      series: [{ id: 's', label: 's', color: '#000', points: values.map((v, t) => ({ t, v })) }],
    }),
  );

describe('chart axes', () => {
  it('never repeat a label on a small-valued chart (replica lag in seconds)', () => {
    const labels = yTicks(chart([0, 0.0002, 0.0004, 0.0003], 's'));
    expect(labels.length).toBeGreaterThan(2);
    expect(new Set(labels).size).toBe(labels.length);
    expect(labels[0]).toBe('0.0000 s');
  });

  it('write round ticks with the decimals they need', () => {
    expect(yTicks(chart([10, 250, 180], 'ms'))).toEqual(['0 ms', '100 ms', '200 ms', '300 ms']);
    expect(yTicks(chart([0.001, 0.004], 'ratio'))).toEqual(['0.0%', '0.1%', '0.2%', '0.3%', '0.4%', '0.5%']);
  });
});
