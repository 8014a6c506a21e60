/**
 * The local history store: one SQLite file (default .scale-audit/history.db). WAL and a busy timeout let
 * two processes record at once; a corrupt file or one written by a newer scale-audit is a clear exit 2.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { ConfigError } from '../errors.js';
import { MIGRATIONS, SCHEMA_VERSION } from './schema.js';

export const DEFAULT_HISTORY_FILE = '.scale-audit/history.db';
const BUSY_TIMEOUT_MS = 10_000;

export interface HistoryStore {
  file: string;
  db: Database.Database;
  close(): void;
}

/** Runs `work` on the store, turning SQLite's errors into a message that names the file. */
export function guarded<T>(file: string, work: () => T): T {
  try {
    return work();
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_'))
      throw new ConfigError(
        `history store ${file} cannot be used (${code}: ${(err as Error).message}); ` +
          'it is corrupt or not a scale-audit history: move it aside, or choose another with --history',
      );
    throw err;
  }
}

/** Brings the store to this schema; refuses (before writing anything) one from a newer scale-audit. */
function migrate(db: Database.Database, file: string): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > SCHEMA_VERSION)
    throw new ConfigError(
      `history store ${file} has schema version ${version}, written by a newer scale-audit ` +
        `(this one reads up to ${SCHEMA_VERSION}): upgrade scale-audit, or choose another file with --history`,
    );
  if (version === SCHEMA_VERSION) return;
  db.transaction(() => {
    for (let v = version; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v]!);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}

/**
 * Opens (and with `create`, creates) the store and checks it is whole. Without `create`, a missing file is
 * an error: there is nothing recorded to read.
 */
export function openHistory(file: string, options: { create: boolean }): HistoryStore {
  if (!options.create && !existsSync(file))
    throw new ConfigError(`no history at ${file}: run and merge record their results there (or pass --history FILE)`);
  if (options.create) mkdirSync(dirname(file), { recursive: true });
  return guarded(file, () => {
    const db = new Database(file, { fileMustExist: !options.create });
    try {
      db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      const check = db.pragma('quick_check', { simple: true });
      if (check !== 'ok') throw Object.assign(new Error(String(check)), { code: 'SQLITE_CORRUPT' });
      migrate(db, file);
      db.pragma('journal_mode = WAL');
    } catch (err) {
      db.close();
      throw err;
    }
    return { file, db, close: () => db.close() };
  });
}

export function withHistory<T>(file: string, create: boolean, work: (store: HistoryStore) => T): T {
  const store = openHistory(file, { create });
  try {
    return guarded(file, () => work(store));
  } finally {
    store.close();
  }
}
