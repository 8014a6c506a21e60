/** Result files are written atomically: a temporary file, then rename — never a truncated run.json. */
import { writeFileSync, renameSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { redactDeep } from '../util/redact.js';

export function writeFileAtomic(file: string, data: string): void {
  mkdirSync(dirname(file) || '.', { recursive: true });
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temp, data);
    renameSync(temp, file);
  } catch (err) {
    rmSync(temp, { force: true });
    throw err;
  }
}

/** Writes a JSON document with every secret redacted. */
export function writeJsonAtomic(file: string, value: unknown): void {
  writeFileAtomic(file, `${JSON.stringify(redactDeep(value), null, 2)}\n`);
}
