/**
 * The history store's schema and its migrations. `PRAGMA user_version` holds the schema version; a store
 * newer than this build reads is refused, never rewritten.
 */
export const SCHEMA_VERSION = 1;

/** MIGRATIONS[i] takes a store from version i to i + 1. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE runs (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     kind TEXT NOT NULL,
     recorded_at TEXT NOT NULL,
     started_at TEXT NOT NULL,
     start_ms INTEGER NOT NULL,
     duration_s REAL NOT NULL,
     target TEXT NOT NULL,
     git_commit TEXT,
     git_branch TEXT,
     config_hash TEXT NOT NULL,
     label TEXT,
     partial INTEGER NOT NULL,
     requests INTEGER NOT NULL,
     rps REAL NOT NULL,
     error_rate REAL NOT NULL,
     p50_ms REAL NOT NULL,
     p95_ms REAL NOT NULL,
     p99_ms REAL NOT NULL,
     score REAL,
     gates_passed INTEGER,
     gates TEXT NOT NULL,
     details TEXT,
     result TEXT NOT NULL
   );
   CREATE INDEX runs_by_branch ON runs (git_branch, id);
   CREATE INDEX runs_by_label ON runs (label, id);
   CREATE INDEX runs_by_commit ON runs (git_commit, id);`,
];
