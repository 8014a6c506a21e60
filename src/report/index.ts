/** One entry point for every report format: RunResult in, text out. */
import type { RunResult } from '../result/run-result.js';
import type { FailOn } from '../config/choices.js';
import { renderHtml } from './html/html.js';
import { renderJson } from './text/json.js';
import { renderJunit } from './text/junit.js';
import { renderMarkdown } from './text/markdown.js';
import { renderTerminal } from './text/terminal.js';

import type { ReportFormat } from '../config/choices.js';

export { REPORT_FORMATS, type ReportFormat } from '../config/choices.js';

export interface ReportOptions {
  /** Terminal only: colour (decide it with terminalColor() at the edge). */
  color?: boolean;
  /** Terminal only: columns. */
  width?: number;
  /** JUnit: with 'warn', warnings are failures too. */
  failOn?: FailOn;
}

export function renderReport(result: RunResult, format: ReportFormat, options: ReportOptions = {}): string {
  switch (format) {
    case 'terminal':
      return renderTerminal(result, {
        ...(options.color !== undefined ? { color: options.color } : {}),
        ...(options.width !== undefined ? { width: options.width } : {}),
      });
    case 'json':
      return renderJson(result);
    case 'md':
      return renderMarkdown(result);
    case 'junit':
      return renderJunit(result, options.failOn ? { failOn: options.failOn } : {});
    case 'html':
      return renderHtml(result);
  }
}

export { terminalColor } from './text/terminal.js';
export { isGithubActions, renderGithubAnnotations } from './text/github.js';
