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

function valueAt(path: (string | number)[]): Json {
  let cur: unknown = valid;
  for (const key of path) cur = (cur as Record<string | number, unknown>)[key];
  return cur;
}

/** A value of another JSON type than `value`: what a reader that trusts the type would break on. */
function wrongType(value: Json): Json {
  if (typeof value === 'number') return 'NaN';
  if (typeof value === 'string') return 7;
  if (typeof value === 'boolean') return 'true';
  if (value === null) return 0;
  return Array.isArray(value) ? {} : [];
}

/** The paths whose mutated result escapes as anything but a result or a ConfigError, with the error. */
function failuresOver(targets: (string | number)[][], mutation: (path: (string | number)[]) => Json): string[] {
  const failures: string[] = [];
  for (const path of targets) {
    try {
      loadAndUse(JSON.stringify(mutation(path)));
    } catch (err) {
      failures.push(`${path.join('.')}: ${(err as Error).message}`);
    }
  }
  return failures;
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

  // Sized to fail a broken loader, not to sample (was 1500 random runs): every path is removed once and once
  // given a value of the wrong type (2 × 371 loads), so a field the schema stops checking, or a reader that lets
  // anything but a ConfigError escape, is met deterministically on every run; 200 random hostile values (huge,
  // empty, nested, markup) then cover values of the right type that are still wrong. Checked by a scratch edit:
  // without the TypeError mapping in usingResult all three fail.
  it('a valid run.json with any one field removed is loaded and rendered, or refused with exit 2', () => {
    expect(failuresOver(allPaths, (path) => mutate(path, undefined, true))).toEqual([]);
  });

  it('a valid run.json with any one field of the wrong type is loaded and rendered, or refused with exit 2', () => {
    expect(failuresOver(allPaths, (path) => mutate(path, wrongType(valueAt(path)), false))).toEqual([]);
  });

  it('a valid run.json with a random field given a hostile value is loaded and rendered, or refused', () => {
    const hostile = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom(null, -1, 0, 1e308, '', '<script>', [], {}),
    );
    fc.assert(
      fc.property(fc.constantFrom(...allPaths), hostile, (path, value) => {
        expect(() => loadAndUse(JSON.stringify(mutate(path, value, false)))).not.toThrow();
      }),
      { numRuns: 200 },
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
