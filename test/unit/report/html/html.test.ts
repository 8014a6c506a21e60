import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { escapeHtml, html, raw } from '../../../../src/report/html/escape.js';
import { renderHtml } from '../../../../src/report/html/html.js';
import { ratePoints, sourceLines } from '../../../../src/report/html/source-series.js';
import { niceCeiling, yDivisions } from '../../../../src/report/html/chart.js';
import { fullRunResult, HOSTILE, hostileRunResult } from '../../../support/report-fixtures.js';

const unescapeHtml = (s: string): string =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

/** data-points and the actual coordinate pairs of every polyline, by data-series. */
function polylines(page: string): Map<string, { declared: number; pairs: number }> {
  const out = new Map<string, { declared: number; pairs: number }>();
  for (const m of page.matchAll(/<polyline [^>]*data-series="([^"]*)" data-points="(\d+)" points="([^"]*)"/g)) {
    const pairs = m[3]!.trim() === '' ? 0 : m[3]!.trim().split(/\s+/).length;
    out.set(unescapeHtml(m[1]!), { declared: Number(m[2]), pairs });
  }
  return out;
}

/** The attribute names of a start tag written as name="value" pairs, or null when the tag is not well formed. */
function attributeNames(tag: string): string[] | null {
  let rest = tag.replace(/^<[a-z][a-z0-9]*/i, '');
  const names: string[] = [];
  for (
    let m = /^\s+([a-z][a-z0-9:-]*)(?:="([^"<]*)")?/i.exec(rest);
    m;
    m = /^\s+([a-z][a-z0-9:-]*)(?:="([^"<]*)")?/i.exec(rest)
  ) {
    names.push(m[1]!);
    rest = rest.slice(m[0].length);
  }
  return /^\s*\/?>$/.test(rest) ? names : null;
}

describe('escapeHtml', () => {
  it('leaves no markup character and round-trips any string', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.oneof(
            fc.constantFrom('<', '>', '"', "'", '&', ';', '#', 'a'),
            fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
          ),
        }),
        (s) => {
          const e = escapeHtml(s);
          expect(e).not.toMatch(/[<>"']/);
          expect(unescapeHtml(e)).toBe(s);
        },
      ),
    );
  });

  it('escapes interpolations in the html template but not raw() markup', () => {
    const out = html`<p title="${'"x"'}">${'<b>'}${raw('<i>ok</i>')}${['<a>', raw('<br>')]}</p>`.html;
    expect(out).toBe('<p title="&quot;x&quot;">&lt;b&gt;<i>ok</i>&lt;a&gt;<br></p>');
  });
});

describe('renderHtml', () => {
  const result = fullRunResult();
  const page = renderHtml(result);

  it('is one self-contained file: no script, no external reference', () => {
    expect(page.startsWith('<!doctype html>')).toBe(true);
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<link|@import|url\(|\ssrc=|\shref=/i);
    expect(page).toContain('<style>');
    expect(page).toMatch(/<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;/);
  });

  it('draws one point per timeline second for each latency percentile, throughput and errors', () => {
    const lines = polylines(page);
    for (const id of ['p50', 'p95', 'p99', 'rps', 'errors']) {
      expect(lines.get(id), id).toEqual({ declared: result.timeline.length, pairs: result.timeline.length });
    }
  });

  it('charts every varying source series on the shared axis: counters as rates, gauges as sampled', () => {
    const lines = polylines(page);
    const pg = result.sources.postgres!.series;
    expect(lines.get('postgres:xact_commit')).toEqual({ declared: pg.length - 1, pairs: pg.length - 1 });
    expect(lines.get('postgres:replica_lag_s')).toEqual({ declared: pg.length, pairs: pg.length });
    expect(lines.get('redis:hit_ratio')?.pairs).toBe(result.sources.redis!.series.length);
    expect(lines.get('queues:depth')?.pairs).toBe(result.sources.queues!.series.length);
    // Constant series are listed, not drawn.
    expect(lines.has('postgres:max_connections')).toBe(false);
    expect(page).toContain('max_connections = 100');
  });

  it('marks the drill actions on every chart at the same x', () => {
    const charts = page.match(/<figure class="chart"/g)!.length;
    const fault = [...page.matchAll(/<g class="marker fault" data-marker-t="10">/g)].length;
    const recover = [...page.matchAll(/<g class="marker recover" data-marker-t="15">/g)].length;
    expect(fault).toBe(charts);
    expect(recover).toBe(charts);
    const xs = new Set([...page.matchAll(/<g class="marker fault"[^>]*><line x1="([\d.]+)"/g)].map((m) => m[1]));
    expect(xs.size).toBe(1);
  });

  it('lists every finding, failures first, with gates, score and endpoints', () => {
    const statuses = [...page.matchAll(/<tr class="finding" data-finding="([^"]+)" data-status="([^"]+)"/g)].map(
      (m) => m[2],
    );
    expect(statuses).toEqual(['fail', 'warn', 'pass', 'pass', 'not-measured']);
    for (const f of result.findings) expect(page).toContain(escapeHtml(f.message));
    expect(page).toContain('data-gate="slo.p95"');
    expect(page).toContain('data-category="Database"');
    expect([...page.matchAll(/<tr class="endpoint"/g)].length).toBe(2);
    expect(page).toContain(escapeHtml(result.evidence.db!.statements![0]!.query));
  });
});

describe('renderHtml on an empty run', () => {
  it('still renders, with empty series and no NaN coordinates', () => {
    const empty = fullRunResult({ seconds: 0, sources: {}, findings: [], gates: [] });
    delete empty.drill;
    const page = renderHtml(empty);
    expect(polylines(page).get('p95')).toEqual({ declared: 0, pairs: 0 });
    expect(page).not.toMatch(/NaN|Infinity/);
    expect(page).toContain('No gates set');
  });
});

describe('renderHtml on hostile strings', () => {
  const page = renderHtml(hostileRunResult());

  it('escapes every string from the target and the config', () => {
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<img|<svg onload/i);
    expect(page).toContain(escapeHtml(HOSTILE.script));
    expect(page).toContain(escapeHtml(HOSTILE.sql));
    expect(page).toContain(escapeHtml(HOSTILE.header));
  });

  it('keeps every attribute closed: quotes inside values never end an attribute', () => {
    const tags = page.match(/<[a-z][^>]*>/gi)!;
    expect(tags.length).toBeGreaterThan(100);
    for (const tag of tags) {
      const names = attributeNames(tag);
      expect(names, tag).not.toBeNull();
      for (const name of names!) expect(name.toLowerCase(), tag).not.toMatch(/^on/);
    }
  });
});

describe('chart helpers', () => {
  it('turns a cumulative counter into per-second rates', () => {
    expect(
      ratePoints([
        { t: 0, v: 100 },
        { t: 1, v: 150 },
        { t: 3, v: 250 },
      ]),
    ).toEqual([
      { t: 1, v: 50 },
      { t: 3, v: 50 },
    ]);
  });

  it('keeps a rising gauge (queue depth) as sampled', () => {
    const lines = sourceLines({
      id: 'q',
      kind: 'celery',
      description: '',
      gaps: [],
      deltas: {},
      series: [0, 1, 2].map((t) => ({ t, values: { depth: t * 5 } })),
    });
    expect(lines.charted[0]).toMatchObject({ key: 'depth', kind: 'gauge' });
    expect(lines.charted[0]!.points.map((p) => p.v)).toEqual([0, 5, 10]);
  });

  it('rounds the y-axis up to a round step', () => {
    expect([0.7, 3, 2.2, 41, 410, 0, 9000].map(niceCeiling)).toEqual([0.8, 3, 2.5, 50, 500, 1, 10_000]);
    // …and splits it into round grid steps: 150 → 30s, 500 → 100s, 400 → 100s, 1.2 → 0.3s.
    expect([150, 500, 400, 1.2].map(yDivisions)).toEqual([5, 5, 4, 4]);
  });
});
