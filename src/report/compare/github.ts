/**
 * GitHub Actions annotations of a comparison: an ::error per regressed gate figure, one per inconclusive gate
 * figure (a ::warning when inconclusive figures are allowed or the gate is off) with its reason and fix, and a
 * ::notice with the verdict. Pure; the compare command prints them on stderr when GITHUB_ACTIONS=true.
 */
import type { GateVerdict } from '../../compare/gate.js';
import { inconclusiveLine } from '../../compare/gate.js';
import type { Comparison } from '../../compare/types.js';
import { command } from '../text/github.js';
import { figureCells, headline } from './format.js';

export function renderCompareAnnotations(c: Comparison, gate: GateVerdict, gating: boolean): string {
  const lines: string[] = [];
  const gateFigures = c.figures.filter((f) => f.gate);
  for (const f of gateFigures.filter((x) => x.verdict === 'regressed')) {
    const cells = figureCells(f);
    lines.push(command('error', `scale-audit compare ${f.id}`, `${cells.before} → ${cells.after}: ${f.reason}`));
  }
  const blocking = gating && gate.inconclusiveFail;
  for (const f of gateFigures.filter((x) => x.verdict === 'inconclusive'))
    lines.push(command(blocking ? 'error' : 'warning', `scale-audit compare ${f.id}`, inconclusiveLine(f)));
  const verdict = gate.passed ? 'gate passed' : `gate failed: ${gate.failures.join('; ')}`;
  lines.push(command('notice', 'scale-audit compare', `${gating ? verdict : 'not gating'} · ${headline(c)}`));
  return `${lines.join('\n')}\n`;
}
