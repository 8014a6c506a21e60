/**
 * Reads a run.json back: a missing, corrupted or newer file is a usage error (exit 2) that says which.
 * Checks the version and the shape the readers rely on (src/result/result-schema.ts).
 */
import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.js';
import { RESULT_VERSION } from './run-result.js';
import type { RunResult } from './run-result.js';
import { runResultSchema } from './result-schema.js';
import { formatPath } from '../config/config-path.js';
import { errorCode } from '../util/error-code.js';

export function parseRunResult(text: string, file: string): RunResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConfigError(`${file} is not valid JSON (corrupted or truncated?): ${(err as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new ConfigError(`${file} is not a scale-audit result: expected a JSON object`);
  const doc = data as Record<string, unknown>;
  if (typeof doc.version !== 'number') throw new ConfigError(`${file} is not a scale-audit result: no "version" field`);
  if (doc.version > RESULT_VERSION) {
    throw new ConfigError(
      `${file} is result version ${doc.version}, written by a newer scale-audit; this one reads version ` +
        `${RESULT_VERSION}`,
    );
  }
  if (doc.version !== RESULT_VERSION) throw new ConfigError(`${file} has unsupported result version ${doc.version}`);
  const parsed = runResultSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConfigError(
      `${file} is not a valid scale-audit result: ${formatPath(issue.path) || '(top level)'}: ${issue.message}`,
    );
  }
  return doc as unknown as RunResult;
}

export function readRunResult(file: string): RunResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = errorCode(err);
    throw new ConfigError(
      code === 'ENOENT' ? `${file}: no such file` : `cannot read ${file}: ${(err as Error).message}`,
    );
  }
  return parseRunResult(text, file);
}

/**
 * Runs a reader over a stored result. A result that passed the schema but still breaks a reader has a malformed
 * field deeper down: that is the file's fault, so it is reported as such (exit 2), not as a crash.
 */
export function usingResult<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (err) {
    if (err instanceof TypeError || err instanceof RangeError) {
      throw new ConfigError(`${file} is not a valid scale-audit result: ${err.message}`);
    }
    throw err;
  }
}
