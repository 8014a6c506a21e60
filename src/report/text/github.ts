/**
 * GitHub Actions workflow commands: an ::error per failed gate and failed rule, a ::warning per warning, and a
 * ::notice with the verdict. They become annotations on the run and the pull request. Pure; the caller prints
 * them when GITHUB_ACTIONS=true.
 */
import type { RunResult } from '../../result/run-result.js';
import { gateThreshold, gateValue, gatesVerdict, scoreText } from '../run-figures.js';

export function isGithubActions(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.GITHUB_ACTIONS === 'true';
}

export function renderGithubAnnotations(result: RunResult): string {
  const lines: string[] = [];
  for (const g of result.gates.filter((x) => !x.passed)) {
    lines.push(
      command('error', `scale-audit gate ${g.id}`, g.message ?? `${gateValue(g)}, threshold ${gateThreshold(g)}`),
    );
  }
  for (const f of result.findings) {
    if (f.status === 'fail') lines.push(command('error', `scale-audit ${f.id}`, `${f.message} → ${f.remedy}`));
    if (f.status === 'warn') lines.push(command('warning', `scale-audit ${f.id}`, `${f.message} → ${f.remedy}`));
  }
  lines.push(
    command(
      'notice',
      'scale-audit',
      `${gatesVerdict(result.gates)} · score ${scoreText(result.score.overall)}/100 · ${result.plan.target}`,
    ),
  );
  return `${lines.join('\n')}\n`;
}

/** `::error title=…::message` with the escaping the runner expects (%, CR, LF; plus : and , in properties). */
export function command(kind: 'error' | 'warning' | 'notice', title: string, message: string): string {
  return `::${kind} title=${escapeProperty(title)}::${escapeData(message)}`;
}

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
