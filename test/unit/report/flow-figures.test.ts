import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../src/report/html/html.js';
import { failedAt, flowRows } from '../../../src/report/flow-figures.js';
import { renderMarkdown } from '../../../src/report/text/markdown.js';
import { renderTerminal } from '../../../src/report/text/terminal.js';
import { makeRunResult } from '../../support/fixtures.js';
import { flowOf } from '../../support/flow-results.js';

const run = {
  ...makeRunResult({}),
  flows: {
    buy: flowOf(
      [100, 200, 300],
      [
        ['login', 'csrf'],
        ['login', 'csrf'],
        ['checkout', 'extract'],
      ],
    ),
  },
  ended_early: 'data set users ran out of unique rows (6 in all)',
};

describe('flows in the reports', () => {
  it('one row per flow: counts, failure share, rate, percentiles and where iterations failed', () => {
    const [row] = flowRows(run);
    expect(row!.slice(0, 5)).toEqual(['buy', '6', '3', '3 (50%)', '0']);
    expect(row![9]).toBe('login 2, checkout 1 (csrf 2, extract 1)');
    expect(failedAt(flowOf([1]))).toBe('—');
  });

  it('terminal, markdown and html show the flows table and that the load ended early', () => {
    for (const text of [renderTerminal(run), renderMarkdown(run), renderHtml(run)]) {
      expect(text).toContain('login 2, checkout 1');
      expect(text).toMatch(/The load ended early at [\d.]+ s: data set users ran out of unique rows/);
    }
    expect(renderTerminal(makeRunResult({}))).not.toContain('Failed at');
  });
});
