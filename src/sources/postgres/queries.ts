/**
 * The SQL the source runs. Every statement carries MARKER so pg_stat_statements rows of the tool itself can be
 * told apart and left out of every count. Sampling statements call statistics functions directly (no
 * pg_stat_* views, which join catalogs): they touch no table, so they add nothing to tup_returned or blks_hit.
 */
export const MARKER = '/* scale-audit */';
const NOT_OURS = `coalesce(query, '') NOT LIKE '%${MARKER}%'`;

export interface ServerFacts {
  oid: number;
  database: string;
  version: number;
  in_recovery: boolean;
  max_connections: number;
  /** extversion of pg_stat_statements in this database, null when not installed. */
  pgss_version: string | null;
  /** Superuser or pg_read_all_stats: sees other users' backend states and statement texts. */
  sees_all_stats: boolean;
}

export const SERVER_FACTS = `SELECT ${MARKER} d.oid::int8 AS oid, d.datname AS database,
  current_setting('server_version_num')::int AS version, pg_is_in_recovery() AS in_recovery,
  current_setting('max_connections')::int AS max_connections,
  (SELECT extversion FROM pg_extension WHERE extname = 'pg_stat_statements') AS pgss_version,
  (SELECT rolsuper FROM pg_roles WHERE rolname = current_user)
    OR pg_has_role(current_user, 'pg_read_all_stats', 'MEMBER') AS sees_all_stats
FROM pg_database d WHERE d.datname = current_database()`;

/** PG15+: make this backend publish its pending statistics at the end of the statement (if it has any). */
export const FLUSH_OWN_STATS = `SELECT ${MARKER} pg_stat_force_next_flush()`;

function dbCounterColumns(oid: number): string {
  return `pg_stat_get_db_xact_commit(${oid}) AS xact_commit,
  pg_stat_get_db_xact_rollback(${oid}) AS xact_rollback,
  pg_stat_get_db_blocks_hit(${oid}) AS blks_hit,
  pg_stat_get_db_blocks_fetched(${oid}) - pg_stat_get_db_blocks_hit(${oid}) AS blks_read,
  pg_stat_get_db_tuples_returned(${oid}) AS tup_returned,
  pg_stat_get_db_tuples_fetched(${oid}) AS tup_fetched,
  pg_stat_get_db_deadlocks(${oid}) AS deadlocks,
  pg_stat_get_db_temp_bytes(${oid}) AS temp_bytes`;
}

function statementCallsColumn(facts: ServerFacts, pgss: boolean): string {
  if (!pgss || facts.pgss_version === null) return 'NULL::int8 AS statement_calls';
  const toplevel = versionAtLeast(facts.pgss_version, '1.9') ? ' AND toplevel' : '';
  return `(SELECT coalesce(sum(calls), 0) FROM pg_stat_statements(true)
    WHERE dbid = ${facts.oid}${toplevel} AND ${NOT_OURS}) AS statement_calls`;
}

/** One round trip per sample on the primary: database counters, backends, replication, statement calls. */
export function primarySampleSql(facts: ServerFacts, pgss: boolean): string {
  const { oid } = facts;
  const replication = facts.in_recovery
    ? `'[]'::json AS replication`
    : `(SELECT coalesce(json_agg(json_build_object(
          'name', coalesce(nullif(act.application_name, ''), 'walreceiver') || '@'
            || coalesce(host(act.client_addr), 'local'),
          'state', w.state,
          'write_lag_s', extract(epoch FROM w.write_lag),
          'flush_lag_s', extract(epoch FROM w.flush_lag),
          'replay_lag_s', extract(epoch FROM w.replay_lag),
          'lag_bytes', pg_wal_lsn_diff(pg_current_wal_lsn(), w.replay_lsn)) ORDER BY w.pid), '[]'::json)
        FROM pg_stat_get_wal_senders() w LEFT JOIN LATERAL pg_stat_get_activity(w.pid) act ON true) AS replication`;
  const walLsn = facts.in_recovery ? 'NULL::numeric' : `pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')`;
  return `SELECT ${MARKER} ${dbCounterColumns(oid)},
  a.*, ${replication}, ${statementCallsColumn(facts, pgss)}, ${walLsn} AS wal_lsn, ${backendsColumn(oid)}
FROM (SELECT count(*) AS backends_all,
    count(*) FILTER (WHERE datid = ${oid}) AS backends_total,
    count(*) FILTER (WHERE datid = ${oid} AND state = 'active') AS backends_active,
    count(*) FILTER (WHERE datid = ${oid} AND state = 'idle') AS backends_idle,
    count(*) FILTER (WHERE datid = ${oid} AND state LIKE 'idle in transaction%') AS backends_idle_in_transaction,
    coalesce(max(extract(epoch FROM clock_timestamp() - state_change))
      FILTER (WHERE datid = ${oid} AND state LIKE 'idle in transaction%'), 0) AS idle_in_transaction_age_max_s,
    coalesce(max(extract(epoch FROM clock_timestamp() - xact_start))
      FILTER (WHERE datid = ${oid}), 0) AS longest_transaction_s,
    count(*) FILTER (WHERE datid = ${oid} AND wait_event_type = 'Lock') AS lock_waits
  FROM pg_stat_get_activity(NULL) WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
    AND coalesce(application_name, '') <> 'scale-audit') a`;
}

/**
 * The role OIDs and application names of the database's client backends (the tool's own left out). OIDs, not
 * names: a name lookup can read the pg_authid catalog, and a sampling statement touches no table.
 */
function backendsColumn(oid: number): string {
  return `(SELECT coalesce(json_agg(DISTINCT jsonb_build_array(usesysid::int8, coalesce(application_name, ''))),
      '[]'::json)
    FROM pg_stat_get_activity(NULL) WHERE datid = ${oid} AND backend_type = 'client backend' AND pid <> pg_backend_pid()
      AND coalesce(application_name, '') <> 'scale-audit') AS backends`;
}

/** The same, on its own: read around the profile phase's statement snapshots. */
export function backendsSql(oid: number): string {
  return `SELECT ${MARKER} ${backendsColumn(oid)}`;
}

/**
 * One round trip per sample on a replica: its read counters and how far its replay is (bytes received but not
 * replayed, and the replay position, which the source dates against the primary's WAL positions over time).
 */
export function replicaSampleSql(facts: ServerFacts, pgss: boolean): string {
  const received = 'pg_last_wal_receive_lsn()';
  const replayed = 'pg_last_wal_replay_lsn()';
  return `SELECT ${MARKER} ${dbCounterColumns(facts.oid)},
  pg_is_in_recovery() AS in_recovery,
  CASE WHEN NOT pg_is_in_recovery() THEN 0
       WHEN ${received} IS NULL THEN NULL
       ELSE greatest(0, pg_wal_lsn_diff(${received}, ${replayed})) END AS lag_bytes,
  CASE WHEN pg_is_in_recovery() THEN pg_wal_lsn_diff(${replayed}, '0/0') END AS replay_lsn,
  ${statementCallsColumn(facts, pgss)}`;
}

/** Is pg_stat_statements readable (installed here and loaded through shared_preload_libraries)? */
export const PGSS_PROBE = `SELECT ${MARKER} count(*) AS n FROM pg_stat_statements(false)`;

/**
 * Per normalized statement of the target database. Without pg_read_all_stats other users' rows have no
 * queryid: they are kept as one "hidden" entry so their calls still count. Nested statements (track = all)
 * are not queries the app sent. Each role's calls stay apart, so background workers with a role of their own can
 * be told from the web app.
 */
export function statementsSql(oid: number, pgssVersion: string): string {
  // 1.8 (PG13) split total_time into planning and execution; 1.9 (PG14) added toplevel.
  const time = versionAtLeast(pgssVersion, '1.8') ? 'total_exec_time + total_plan_time' : 'total_time';
  const toplevel = versionAtLeast(pgssVersion, '1.9') ? ' AND toplevel' : '';
  return `SELECT ${MARKER} coalesce(queryid::text, 'hidden') AS queryid, userid::int8 AS userid,
  pg_get_userbyid(userid) AS role, left(min(query), 500) AS query, sum(calls) AS calls, sum(${time}) AS total_ms,
  sum(rows) AS rows
FROM pg_stat_statements(true) WHERE dbid = ${oid}${toplevel} AND ${NOT_OURS}
GROUP BY 1, 2, 3`;
}

/** pg_stat_statements_info exists from 1.9 (PG14). */
export function statementsInfoSql(pgssVersion: string): string | undefined {
  return versionAtLeast(pgssVersion, '1.9')
    ? `SELECT ${MARKER} dealloc, stats_reset::text AS stats_reset FROM pg_stat_statements_info`
    : undefined;
}

export const TABLES_SQL = `SELECT ${MARKER} schemaname || '.' || relname AS table,
  coalesce(seq_scan, 0) AS seq_scan, coalesce(seq_tup_read, 0) AS seq_tup_read,
  coalesce(idx_scan, 0) AS idx_scan, coalesce(idx_tup_fetch, 0) AS idx_tup_fetch
FROM pg_stat_user_tables`;

export function versionAtLeast(version: string, wanted: string): boolean {
  const [a = 0, b = 0] = version.split('.').map(Number);
  const [x = 0, y = 0] = wanted.split('.').map(Number);
  return a > x || (a === x && b >= y);
}
