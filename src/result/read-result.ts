/**
 * Reads a run.json back: a missing, corrupted or newer file is a usage error (exit 2) that says which.
 * Checks the version and the top-level shape; the fields inside are trusted as written by scale-audit.
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { RESULT_VERSION } from './run-result.js';
import type { RunResult } from './run-result.js';

const SHAPE: Record<string, 'object' | 'array' | 'string' | 'number' | 'boolean'> = {
  partial: 'boolean',
  duration_s: 'number',
  plan: 'object',
  summary: 'object',
  endpoints: 'object',
  timeline: 'array',
  generator: 'object',
  sources: 'object',
  evidence: 'object',
  findings: 'array',
  score: 'object',
  gates: 'array',
};

const kindOf = (v: unknown): string => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);

export function parseRunResult(text: string, file: string): RunResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${file} is not valid JSON (corrupted or truncated?): ${(err as Error).message}`);
  }
  if (kindOf(data) !== 'object') throw new ConfigError(`${file} is not a scale-audit result: expected a JSON object`);
  const doc = data as Record<string, unknown>;
  if (typeof doc.version !== 'number') throw new ConfigError(`${file} is not a scale-audit result: no "version" field`);
  if (doc.version > RESULT_VERSION) {
    throw new ConfigError(`${file} is result version ${doc.version}, written by a newer scale-audit; this one reads version ${RESULT_VERSION}`);
  }
  if (doc.version !== RESULT_VERSION) throw new ConfigError(`${file} has unsupported result version ${doc.version}`);
  for (const [key, kind] of Object.entries(SHAPE)) {
    if (kindOf(doc[key]) !== kind) throw new ConfigError(`${file} is not a valid scale-audit result: "${key}" should be ${kind === 'array' ? 'an' : 'a'} ${kind}, got ${kindOf(doc[key])}`);
  }
  return doc as unknown as RunResult;
}

export function readRunResult(file: string): RunResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(code === 'ENOENT' ? `${file}: no such file` : `cannot read ${file}: ${(err as Error).message}`);
  }
  return parseRunResult(text, file);
}
