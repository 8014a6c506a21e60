/**
 * Text from the target or the config (endpoint names, paths, SQL, messages) made inert in GitHub-flavoured
 * Markdown: table pipes, emphasis, links, HTML and line breaks.
 */
/** Enough for cells and lines: (, #, + and ! only act after [ or at a line start, and neither survives. */
const SPECIAL = /[\\`*_[\]~|]/g;

export function md(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(SPECIAL, (ch) => `\\${ch}`)
    .replace(/\r?\n/g, ' ');
}

/**
 * Inline code that no backtick inside can close early (CommonMark: a longer fence); a pipe is escaped as GFM
 * tables require even inside code spans.
 */
export function mdCode(text: string): string {
  const flat = text.replace(/\r?\n/g, ' ').replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}
