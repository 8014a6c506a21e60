/** The comparison as GitHub-flavoured Markdown (for PR comments and CI summaries). */
import { describeRun, figureCells, gateWord, headline, ruleStateWord, scopeNote, VERDICT_WORD } from './format.js';
import type { Comparison, FigureComparison, Verdict } from '../../compare/types.js';
import { formatValue } from '../../util/format.js';

const ICON: Record<Verdict, string> = {
  improved: '✅',
  regressed: '❌',
  unchanged: '➖',
  inconclusive: '❔',
  'not-comparable': '⚠️',
};

/** Table cells: pipes, HTML and line breaks from the target must not break the table or inject markup. */
export function mdCell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '\\|')
    .replace(/`/g, '\\`')
    .replace(/\r?\n/g, ' ');
}

const row = (cells: string[]): string => `| ${cells.map(mdCell).join(' | ')} |`;

function figureTable(figures: FigureComparison[], first = 'Figure'): string[] {
  const lines = [row([first, 'Before', 'After', 'Change', 'Verdict', 'Why']), '|---|---:|---:|---:|---|---|'];
  for (const f of figures) {
    const cells = figureCells(f);
    lines.push(
      row([cells.label, cells.before, cells.after, cells.change, `${ICON[f.verdict]} ${cells.verdict}`, cells.reason]),
    );
  }
  return lines;
}

export function renderComparisonMd(comparison: Comparison): string {
  const out: string[] = ['## scale-audit compare', ''];
  out.push(`- **Before:** ${mdCell(describeRun(comparison.before))}`);
  out.push(`- **After:** ${mdCell(describeRun(comparison.after))}`);
  out.push(`- ${scopeNote(comparison)}`, '');
  out.push(`**${mdCell(headline(comparison))}**`, '');
  if (comparison.not_comparable.length) {
    out.push('### Not comparable', '', ...comparison.not_comparable.map((n) => `- ${mdCell(n)}`), '');
  }
  const run = comparison.figures.filter((f) => f.group !== 'score');
  const scores = comparison.figures.filter((f) => f.group === 'score');
  if (run.length) out.push('### Figures', '', ...figureTable(run), '');
  if (comparison.queries_avoided_per_1000_requests !== null) {
    out.push(
      `Queries avoided per 1,000 requests: **${formatValue(comparison.queries_avoided_per_1000_requests, 'queries')}**`,
      '',
    );
  }
  if (scores.length) out.push('### Score', '', ...figureTable(scores, 'Category'), '');
  out.push('### Rules whose status changed', '');
  if (comparison.rules.length) {
    out.push(row(['Rule', 'Category', 'Before', 'After', 'Verdict']), '|---|---|---|---|---|');
    for (const r of comparison.rules)
      out.push(
        row([
          r.id,
          r.category,
          ruleStateWord(r.before),
          ruleStateWord(r.after),
          `${ICON[r.verdict]} ${VERDICT_WORD[r.verdict]}`,
        ]),
      );
  } else out.push('No rule changed status.');
  out.push('');
  if (comparison.gates.length) {
    out.push('### Gates', '', row(['Gate', 'Before', 'After', 'Verdict']), '|---|---|---|---|');
    for (const g of comparison.gates)
      out.push(row([g.id, gateWord(g.before), gateWord(g.after), `${ICON[g.verdict]} ${VERDICT_WORD[g.verdict]}`]));
    out.push('');
  }
  if (comparison.endpoints.length) {
    out.push('### Endpoints', '');
    for (const e of comparison.endpoints)
      out.push(`#### ${mdCell(e.name)} — ${mdCell(`${e.method} ${e.path}`)}`, '', ...figureTable(e.figures), '');
  }
  if (comparison.flows?.length) {
    out.push('### Flows', '');
    for (const f of comparison.flows)
      out.push(`#### ${mdCell(f.name)} — ${mdCell(f.steps.join(' → '))}`, '', ...figureTable(f.figures), '');
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n')}\n`;
}
