/**
 * What kind of work a pg_stat_statements entry is, so queries per request counts what Django counts (the
 * statements its cursor runs: SELECT, INSERT, UPDATE, DELETE, SAVEPOINT…) and shows the rest beside it.
 *
 * - `transaction`: transaction control the driver sends on its own (BEGIN, COMMIT, ROLLBACK, and pooler or
 *   driver housekeeping such as DISCARD ALL), told apart by the statement text. Django's count leaves these
 *   out; a SAVEPOINT or ROLLBACK TO SAVEPOINT from atomic() it counts, and so does this.
 * - `async`: statements run by a role that only background workers use. pg_stat_statements knows the role of
 *   a statement but not the connection's application_name, so async work can be told apart only when the
 *   workers log in with a role of their own: one named like a worker (celery, worker, rq, dramatiq, huey),
 *   or one whose every backend seen during the run had such an application_name. A role shared by the web
 *   app and the workers cannot be split: its statements count as the app's, and the evidence says so.
 * - `app`: everything else.
 */
export type StatementKind = 'app' | 'transaction' | 'async';

const LEADING_COMMENTS = /^(\s*(\/\*[\s\S]*?\*\/|--[^\n]*\n))*\s*/;
const TRANSACTION_STATEMENTS = [
  'BEGIN',
  String.raw`START\s+TRANSACTION`,
  'COMMIT',
  'END',
  'ABORT',
  String.raw`ROLLBACK(?!\s+(WORK\s+|TRANSACTION\s+)?TO\b)`,
  String.raw`PREPARE\s+TRANSACTION`,
  'DISCARD',
  String.raw`RESET\s+ALL`,
  'DEALLOCATE',
];
const TRANSACTION_CONTROL = new RegExp(String.raw`^(${TRANSACTION_STATEMENTS.join('|')})\b`, 'i');
const WORKER = /celery|worker|(^|[^a-z])rq([^a-z]|$)|dramatiq|huey/i;

export function isTransactionControl(sql: string): boolean {
  return TRANSACTION_CONTROL.test(sql.replace(LEADING_COMMENTS, ''));
}

/** A backend seen in pg_stat_activity: its role and application_name. */
export interface SeenBackend {
  role: string;
  application_name: string;
}

export interface RoleSplit {
  /** Roles whose statements are background work. */
  async: string[];
  /** Roles seen both as a worker and as something else: their statements cannot be split. */
  shared: string[];
}

export function splitRoles(roles: Iterable<string>, seen: readonly SeenBackend[]): RoleSplit {
  const names = new Map<string, Set<string>>();
  for (const b of seen) names.set(b.role, (names.get(b.role) ?? new Set()).add(b.application_name));
  const out: RoleSplit = { async: [], shared: [] };
  for (const role of new Set([...roles, ...names.keys()])) {
    const apps = [...(names.get(role) ?? [])];
    const workers = apps.filter((a) => WORKER.test(a)).length;
    if (WORKER.test(role) || (workers > 0 && workers === apps.length)) out.async.push(role);
    else if (workers > 0) out.shared.push(role);
  }
  out.async.sort();
  out.shared.sort();
  return out;
}

export function kindOf(statement: { query: string; role?: string }, asyncRoles: ReadonlySet<string>): StatementKind {
  if (isTransactionControl(statement.query)) return 'transaction';
  if (statement.role !== undefined && asyncRoles.has(statement.role)) return 'async';
  return 'app';
}

export interface CallsByKind {
  app: number;
  transaction: number;
  async: number;
}

export function callsByKind(
  statements: readonly { query: string; role?: string; calls: number }[],
  asyncRoles: ReadonlySet<string>,
): CallsByKind {
  const out: CallsByKind = { app: 0, transaction: 0, async: 0 };
  for (const s of statements) out[kindOf(s, asyncRoles)] += s.calls;
  return out;
}

/** Each statement labelled with its kind (the app's own stay unlabelled). */
export function labelKinds<S extends { query: string; role?: string }>(
  statements: readonly S[],
  asyncRoles: ReadonlySet<string>,
): (S & { kind?: 'transaction' | 'async' })[] {
  return statements.map((s) => {
    const kind = kindOf(s, asyncRoles);
    return kind === 'app' ? s : { ...s, kind };
  });
}
