import { describe, expect, it } from 'vitest';
import { md, mdCode } from '../../../../src/report/text/markdown-escape.js';
import { renderMarkdown } from '../../../../src/report/text/markdown.js';
import { auditedRun } from '../report-fixture.js';

/** Cells of a GFM table row, split on unescaped pipes as GitHub does. */
function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\||\|$/g, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

describe('renderMarkdown', () => {
  const run = auditedRun();
  const text = renderMarkdown(run);

  it('leads with the verdict of the gates and the score', () => {
    const failed = run.gates.filter((g) => !g.passed).length;
    expect(text.split('\n')[0]).toBe(
      `## ❌ scale-audit: ${failed} of ${run.gates.length} gates failed · score ${Math.round(run.score.overall!)}/100`,
    );
  });

  it('a | in an endpoint name does not split the table row', () => {
    const endpointRow = text.split('\n').find((l) => l.startsWith('| search'))!;
    expect(endpointRow).toBeDefined();
    const header = text.split('\n').find((l) => l.startsWith('| Endpoint |'))!;
    expect(cells(endpointRow)).toHaveLength(cells(header).length);
    expect(cells(endpointRow)[0]).toBe('search \\| &lt;b&gt;"q"&lt;/b&gt; &amp; \'more\'\u0007');
    const gateRow = text.split('\n').find((l) => l.includes('slo.endpoints.'))!;
    expect(cells(gateRow)).toHaveLength(5);
  });

  it('lists the failed and warned rules with their remedies, passes folded away', () => {
    const attention = run.findings.filter((f) => f.status === 'fail' || f.status === 'warn');
    for (const f of attention) expect(text).toContain(`| \`${f.id}\` |`);
    const details = text.slice(text.indexOf('<details>'));
    for (const f of run.findings.filter((x) => x.status === 'pass')) expect(details).toContain(f.id);
    expect(text.slice(0, text.indexOf('<details>'))).not.toContain('`obs.tracing`');
  });

  it('raw HTML from the target never reaches the comment outside code spans', () => {
    const outsideCode = text.replace(/(`+)[^`]*?\1/g, '');
    expect(text).toContain('<b>');
    expect(outsideCode).not.toContain('<b>');
  });
});

describe('md / mdCode', () => {
  it('escapes emphasis, links, pipes and HTML', () => {
    expect(md('a|b *c* [x](y) <i> _u_ `t`')).toBe('a\\|b \\*c\\* \\[x\\](y) &lt;i&gt; \\_u\\_ \\`t\\`');
    expect(md('two\nlines')).toBe('two lines');
  });

  it('code spans outlast the backticks inside and keep pipes inside table cells', () => {
    expect(mdCode('a`b')).toBe('``a`b``');
    expect(mdCode('x|y')).toBe('`x\\|y`');
  });
});
