/** The comparison as tables for a terminal (colour only when asked for). */
import { Chalk } from 'chalk';
import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import { describeRun, figureCells, gateWord, headline, ruleStateWord, scopeNote, VERDICT_WORD } from './format.js';
import type { Comparison, FigureComparison, Verdict } from '../../compare/types.js';
import { formatValue } from '../../util/format.js';

export interface TerminalOptions {
  color: boolean;
}

function paint(c: ChalkInstance): Record<Verdict, (s: string) => string> {
  return {
    improved: c.green,
    regressed: c.red.bold,
    unchanged: c.dim,
    inconclusive: c.cyan,
    'not-comparable': c.yellow,
  };
}

function table(head: string[], c: ChalkInstance, colWidths?: (number | null)[]): Table.Table {
  return new Table({
    head: head.map((h) => c.bold(h)),
    style: { head: [], border: [] },
    wordWrap: true,
    ...(colWidths ? { colWidths } : {}),
  });
}

function figureTable(figures: FigureComparison[], c: ChalkInstance, first = 'Figure'): string {
  const colour = paint(c);
  const t = table([first, 'Before', 'After', 'Change', 'Verdict', 'Why'], c, [null, null, null, null, null, 46]);
  for (const f of figures) {
    const cells = figureCells(f);
    t.push([
      cells.label,
      cells.before,
      cells.after,
      cells.change,
      colour[f.verdict](cells.verdict),
      c.dim(cells.reason),
    ]);
  }
  return t.toString();
}

export function renderComparisonTerminal(comparison: Comparison, options: TerminalOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const colour = paint(c);
  const out: string[] = [];
  out.push(c.bold('scale-audit compare'));
  out.push(`  before: ${describeRun(comparison.before)}`);
  out.push(`  after:  ${describeRun(comparison.after)}`);
  out.push(`  ${scopeNote(comparison)}`);
  if (comparison.not_comparable.length) {
    out.push('', c.yellow('Not comparable:'));
    for (const note of comparison.not_comparable) out.push(`  - ${note}`);
  }
  const run = comparison.figures.filter((f) => f.group !== 'score');
  const scores = comparison.figures.filter((f) => f.group === 'score');
  if (run.length) out.push('', figureTable(run, c));
  if (comparison.queries_avoided_per_1000_requests !== null) {
    out.push(
      `  Queries avoided per 1,000 requests: ${formatValue(comparison.queries_avoided_per_1000_requests, 'queries')}`,
    );
  }
  if (scores.length) out.push('', c.bold('Score'), figureTable(scores, c, 'Category'));
  if (comparison.rules.length) {
    const t = table(['Rule', 'Category', 'Before', 'After', 'Verdict'], c);
    for (const r of comparison.rules)
      t.push([
        r.id,
        r.category,
        ruleStateWord(r.before),
        ruleStateWord(r.after),
        colour[r.verdict](VERDICT_WORD[r.verdict]),
      ]);
    out.push('', c.bold('Rules whose status changed'), t.toString());
  } else out.push('', c.dim('No rule changed status.'));
  if (comparison.gates.length) {
    const t = table(['Gate', 'Before', 'After', 'Verdict'], c);
    for (const g of comparison.gates)
      t.push([g.id, gateWord(g.before), gateWord(g.after), colour[g.verdict](VERDICT_WORD[g.verdict])]);
    out.push('', c.bold('Gates'), t.toString());
  }
  for (const e of comparison.endpoints)
    out.push('', c.bold(`Endpoint ${e.name}`) + c.dim(` ${e.method} ${e.path}`), figureTable(e.figures, c));
  for (const f of comparison.flows ?? [])
    out.push('', c.bold(`Flow ${f.name}`) + c.dim(` ${f.steps.join(' → ')}`), figureTable(f.figures, c));
  const verdict = comparison.gate_regressions.length ? c.red.bold(headline(comparison)) : c.green(headline(comparison));
  out.push('', verdict, '');
  return out.join('\n');
}
