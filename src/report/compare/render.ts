/** One entry point for the compare formats. */
import { renderComparisonHtml } from './html.js';
import { renderComparisonJson } from './json.js';
import { renderComparisonMd } from './markdown.js';
import { renderComparisonTerminal } from './terminal.js';
import type { Comparison } from '../../compare/types.js';

export const COMPARE_FORMATS = ['terminal', 'md', 'json', 'html'] as const;
export type CompareFormat = (typeof COMPARE_FORMATS)[number];

export function renderComparison(
  comparison: Comparison,
  format: CompareFormat,
  options: { color: boolean } = { color: false },
): string {
  switch (format) {
    case 'terminal':
      return renderComparisonTerminal(comparison, options);
    case 'md':
      return renderComparisonMd(comparison);
    case 'json':
      return renderComparisonJson(comparison);
    case 'html':
      return renderComparisonHtml(comparison);
  }
}
