/** The terminal view of `probe`: one row per URL, then its findings. */
import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { ProbeFinding, ProbeResult } from './probe-result.js';

export interface TableOptions {
  color: boolean;
}

/** Colour unless NO_COLOR is set (any value) or the stream is not a colour terminal. */
export function colorWanted(env: NodeJS.ProcessEnv, isTty: boolean): boolean {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0' && env.FORCE_COLOR !== 'false') return true;
  return isTty && env.TERM !== 'dumb';
}

export function renderProbeTable(results: readonly ProbeResult[], opts: TableOptions): string {
  const c = new Chalk({ level: opts.color ? 1 : 0 });
  const table = new Table({
    head: ['URL', 'Status', 'Protocol', 'Cache-Control', 'Cache', 'Validators', 'Compression', 'Cookies / Vary'],
    style: { head: opts.color ? ['bold'] : [], border: [] },
    wordWrap: true,
    colWidths: [36, 8, 10, 24, 18, 14, 16, 20],
  });
  for (const r of results) table.push(row(r, c));
  const lines = [table.toString()];
  for (const r of results) {
    if (!r.findings.length && !r.error) continue;
    lines.push('', c.bold(r.url));
    if (r.error) lines.push(`  ${c.red('ERROR')} ${r.error}`);
    for (const f of r.findings) lines.push(`  ${badge(f, c)} ${f.id}  ${f.message}`);
  }
  return `${lines.join('\n')}\n`;
}

function row(r: ProbeResult, c: ChalkInstance): Table.Cell[] {
  // URLs have no spaces: wrap them anywhere rather than cut them.
  const url: Table.Cell = { content: r.url, wordWrap: true, wrapOnWordBoundary: false };
  if (r.status === null) return [url, c.red('—'), r.protocol ?? '—', c.red(r.error ?? 'no response'), '', '', '', ''];
  return [
    url,
    statusText(r.status, c),
    protocolText(r),
    r.cache_control.raw ?? c.yellow('none'),
    cacheText(r),
    validatorsText(r),
    compressionText(r),
    cookiesText(r),
  ];
}

function statusText(status: number, c: ChalkInstance): string {
  const s = String(status);
  return status < 300 ? c.green(s) : status < 400 ? c.cyan(s) : c.red(s);
}

function protocolText(r: ProbeResult): string {
  const parts = [r.protocol ?? '—'];
  if (r.alt_svc_h3) parts.push('h3 (Alt-Svc)');
  if (r.hsts) parts.push('HSTS');
  return parts.join('\n');
}

function cacheText(r: ProbeResult): string {
  const first = `${r.cache.status ?? '—'}${r.cache.age !== null ? ` age ${r.cache.age}` : ''}`;
  if (r.cache.repeat_status === null) return first;
  return `${first}\nthen ${r.cache.repeat_status}${r.cache.repeat_age !== null ? ` age ${r.cache.repeat_age}` : ''}`;
}

function validatorsText(r: ProbeResult): string {
  const v = r.validators;
  const which = [v.etag !== null ? 'ETag' : '', v.last_modified !== null ? 'Last-Mod' : ''].filter(Boolean).join(' + ');
  if (!which) return 'none';
  return `${which}\n${v.revalidates ? '304 ✓' : `${v.conditional_status ?? '—'} ✗`}`;
}

function compressionText(r: ProbeResult): string {
  const c = r.compression;
  const used = c.used ?? 'identity';
  const sizes =
    c.bytes !== null ? `\n${c.identity_bytes !== null && c.used ? `${c.identity_bytes} → ` : ''}${c.bytes} B` : '';
  return `${used}${c.used && !c.vary_accept_encoding ? ' (no Vary)' : ''}${sizes}`;
}

function cookiesText(r: ProbeResult): string {
  const cookies = r.cookies.map((k) => (k.affinity ? `${k.name} (sticky)` : k.name)).join(', ');
  const vary = r.vary.length ? `Vary: ${r.vary.join(', ')}` : '';
  return [cookies, vary].filter(Boolean).join('\n') || '—';
}

function badge(f: ProbeFinding, c: ChalkInstance): string {
  if (f.status === 'pass') return c.green('PASS');
  if (f.status === 'warn') return c.yellow('WARN');
  return c.red('FAIL');
}
