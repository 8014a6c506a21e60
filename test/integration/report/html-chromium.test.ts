/**
 * The HTML reports opened in real headless Chromium: charts drawn with one point per second, findings
 * present, nothing fetched, and hostile strings inert even with the page's CSP removed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { renderHtml } from '../../../src/report/html/html.js';
import { compareRuns } from '../../../src/compare/compare.js';
import { renderComparisonHtml } from '../../../src/report/compare/html.js';
import { launchChromium, openHtml, TEST_OUTPUT } from '../../support/chromium.js';
import { fullRunResult, HOSTILE, hostileRunResult } from '../../support/report-fixtures.js';
import { buildRunResult } from '../../support/result-builder.js';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

/** Points of each drawn polyline as the browser parsed them (SVGPolylineElement.points). */
function drawnSeries(page: Page): Promise<Record<string, { declared: number; drawn: number; width: number }>> {
  return page.$$eval('polyline[data-series]', (lines) =>
    Object.fromEntries(
      lines.map((l) => {
        const poly = l as SVGPolylineElement;
        return [
          poly.dataset.series!,
          {
            declared: Number(poly.dataset.points),
            drawn: poly.points.numberOfItems,
            width: poly.getBoundingClientRect().width,
          },
        ];
      }),
    ),
  );
}

describe('run report in Chromium', () => {
  const result = fullRunResult();

  it('draws every chart with one point per second and lists the findings, fetching nothing', async () => {
    const { page, requests, errors } = await openHtml(browser, 'report.html', renderHtml(result));
    const series = await drawnSeries(page);
    for (const id of ['p50', 'p95', 'p99', 'rps', 'errors']) {
      expect(series[id], id).toMatchObject({ declared: result.timeline.length, drawn: result.timeline.length });
      expect(series[id]!.width, `${id} is laid out`).toBeGreaterThan(300);
    }
    const pg = result.sources.postgres!.series.length;
    expect(series['postgres:replica_lag_s']?.drawn).toBe(pg);
    expect(series['postgres:xact_commit']?.drawn).toBe(pg - 1);
    expect(series['queues:depth']?.drawn).toBe(result.sources.queues!.series.length);
    expect(series['redis:hit_ratio']?.drawn).toBe(result.sources.redis!.series.length);

    // One shared axis: the fault marker sits at the same x on every chart.
    const faultX = await page.$$eval('g.marker.fault line', (ls) =>
      ls.map((l) => Math.round(l.getBoundingClientRect().x)),
    );
    expect(faultX.length).toBe(await page.locator('figure.chart').count());
    expect(new Set(faultX).size).toBe(1);

    const rows = await page.$$eval('tr.finding', (trs) =>
      trs.map((tr) => [tr.getAttribute('data-finding'), tr.querySelector('.pill')?.textContent]),
    );
    expect(rows).toEqual([
      ['db.n-plus-one', 'fail'],
      ['db.offset-pagination', 'warn'],
      ['cache.hit-ratio', 'pass'],
      ['slo.latency', 'pass'],
      ['edge.offload', 'not-measured'],
    ]);
    await expect(page.locator('.card', { hasText: 'Score' }).locator('.value').textContent()).resolves.toBe('72');

    await page.screenshot({ path: join(TEST_OUTPUT, 'report.png'), fullPage: true });
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});

describe('hostile strings in Chromium', () => {
  const hostile = renderHtml(hostileRunResult());

  async function assertInert(name: string, html: string): Promise<void> {
    const { page, requests } = await openHtml(browser, name, html);
    await page.mouse.move(300, 300);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.locator('script, img, iframe, object, embed').count()).toBe(0);
    const handlers = await page.$$eval('*', (els) =>
      els.flatMap((el) =>
        [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName} ${a.name}`),
      ),
    );
    expect(handlers).toEqual([]);
    // The strings survive as text, exactly.
    const endpointName = await page.locator('tr.endpoint td').first().textContent();
    expect(endpointName).toBe(`${HOSTILE.script}${HOSTILE.attribute}`);
    await expect(page.locator('tr.statement code').first().textContent()).resolves.toBe(HOSTILE.sql);
    await expect(page.locator('pre.config').textContent()).resolves.toContain(JSON.stringify(HOSTILE.header));
    expect(requests).toEqual([]);
    await page.context().close();
  }

  it('renders inert as shipped', async () => {
    await assertInert('hostile.html', hostile);
  });

  it('renders inert by escaping alone, with the Content-Security-Policy removed', async () => {
    const withoutCsp = hostile.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '');
    expect(withoutCsp).not.toBe(hostile);
    await assertInert('hostile-no-csp.html', withoutCsp);
  });
});

describe('compare report in Chromium', () => {
  it('overlays both runs per second and shows the verdicts', async () => {
    const before = buildRunResult({ seed: 1, seconds: 30, median_ms: 80 });
    const after = buildRunResult({ seed: 2, seconds: 24, median_ms: 40 });
    const { page, requests, errors } = await openHtml(
      browser,
      'compare.html',
      renderComparisonHtml(compareRuns(before, after)),
    );
    const series = await drawnSeries(page);
    expect(series['before:p95']?.drawn).toBe(30);
    expect(series['after:p95']?.drawn).toBe(24);
    expect(series['before:rps']?.drawn).toBe(30);
    await expect(
      page.locator('table.figures tr[data-figure="latency.p95"]').getAttribute('data-verdict'),
    ).resolves.toBe('improved');
    await expect(page.locator('table.figures tr[data-figure="latency.p95"] .pill').textContent()).resolves.toBe(
      'improved',
    );
    await page.screenshot({ path: join(TEST_OUTPUT, 'compare.png'), fullPage: true });
    expect(requests).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
