import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseRunResult, usingResult } from '../../../src/result/read-result.js';
import { ConfigError } from '../../../src/errors.js';
import { renderReport, REPORT_FORMATS } from '../../../src/report/index.js';
import { compareRuns } from '../../../src/compare/compare.js';
import { renderComparison } from '../../../src/report/compare/render.js';
import { reaudit } from '../../../src/commands/report.js';
import { fullRunResult } from '../../support/report-fixtures.js';

const valid = fullRunResult();
const validText = JSON.stringify(valid);

type Json = unknown;

/** Every path (as keys) into a JSON value, so a mutation can land anywhere. */
function paths(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (Array.isArray(value)) value.slice(0, 3).forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value))
      if (k !== 'histogram' && k !== 'histograms') paths(v, [...prefix, k], out);
  return out;
}
const allPaths = paths(valid).filter((p) => p.length > 0);

function mutate(path: (string | number)[], replacement: Json, remove: boolean): Json {
  const copy = JSON.parse(validText) as Record<string | number, unknown>;
  let cur: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) cur = cur[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (remove) delete cur[last];
  else cur[last] = replacement;
  return copy;
}

/** Loading gives a result every renderer and compare can handle, or a ConfigError (exit 2) — nothing else. */
function loadAndUse(text: string): void {
  let result: ReturnType<typeof parseRunResult>;
  try {
    result = parseRunResult(text, 'run.json');
  } catch (err) {
    if (err instanceof ConfigError) return;
    throw err;
  }
  try {
    usingResult('run.json', () => {
      for (const format of REPORT_FORMATS) renderReport(result, format);
      renderReport(reaudit(result), 'terminal');
      renderComparison(compareRuns(valid, result), 'terminal');
    });
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
  }
}

describe('result loader under fuzzing', () => {
  it('arbitrary text is a result or a ConfigError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => loadAndUse(text)),
      { numRuns: 300 },
    );
  });

  it('a valid run.json with any one field replaced or removed is loaded and rendered, or refused with exit 2', () => {
    const hostile = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom(null, -1, 0, 1e308, '', '<script>', [], {}),
    );
    fc.assert(
      fc.property(fc.constantFrom(...allPaths), hostile, fc.boolean(), (path, value, remove) => {
        expect(() => loadAndUse(JSON.stringify(mutate(path, value, remove)))).not.toThrow();
      }),
      { numRuns: 1500 },
    );
  });

  it('a truncated file and a newer version say so', () => {
    expect(() => parseRunResult(validText.slice(0, validText.length / 2), 'run.json')).toThrow(
      /not valid JSON \(corrupted or truncated\?\)/,
    );
    expect(() => parseRunResult(JSON.stringify({ ...valid, version: 2 }), 'run.json')).toThrow(
      /version 2, written by a newer scale-audit/,
    );
  });
});
