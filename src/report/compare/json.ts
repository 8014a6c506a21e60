/** The comparison as JSON: the Comparison object itself, stable field names. */
import type { Comparison } from '../../compare/types.js';

export function renderComparisonJson(comparison: Comparison): string {
  return `${JSON.stringify(comparison, null, 2)}\n`;
}
