/**
 * What the database rules say when the watched servers saw none of the app's work: which servers were watched,
 * and what to connect so the reads are seen. Zero statements while requests were served is "not seen", never 0.
 */
import type { DbEvidence } from '../src/result/evidence.js';
import type { AuditEvidence } from './audit-evidence.js';
import { listOf } from './check.js';

export interface NotSeen {
  message: string;
  remedy: string;
}

/** "primary, replica:1": the servers a PostgresSource read. */
export function watchedServers(db: DbEvidence): string {
  return listOf(['primary', ...(db.replicas ?? []).map((r) => r.name)], 4);
}

/** "; the primary streams to 1 standby that is not watched", or "". */
export function unwatchedNote(db: DbEvidence): string {
  const n = db.unwatched_standbys ?? 0;
  return n > 0
    ? `; the primary streams to ${n} standby${n > 1 ? 's' : ''} that ${n > 1 ? 'are' : 'is'} not watched`
    : '';
}

export const REPLICA_REMEDY =
  'pass --pg-replica DSN for each replica the app reads from (a DATABASE_ROUTERS router sends reads there), ' +
  'and --pg for the database it writes to';

/** pg_stat_statements was read, requests were served, and not one statement of the app showed up. */
export function queriesNotSeen(e: AuditEvidence): NotSeen | undefined {
  const db = e.db;
  const requests = e.run.summary.requests;
  if (!db?.pg_stat_statements || requests === 0 || (db.queries_total ?? 0) > 0) return undefined;
  return {
    message:
      `pg_stat_statements was read, but no statement of the app ran on the watched servers (${watchedServers(db)}) ` +
      `while ${requests} requests were served: the queries went to a server that is not watched ` +
      `(or these endpoints never query the database)${unwatchedNote(db)}`,
    remedy: REPLICA_REMEDY,
  };
}
