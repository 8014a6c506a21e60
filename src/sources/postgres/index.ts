/** What the rest of scale-audit uses from the Postgres sources. */
export { PostgresSource, type PostgresSourceOptions } from './postgres-source.js';
export { PgBouncerSource, type PgBouncerSourceOptions } from './pgbouncer-source.js';
export { SourceOpenError, type ConnectFailure } from './connect-error.js';
export {
  diffStatements,
  endpointProfile,
  topStatements,
  type StatementCounters,
  type StatementDiff,
  type StatementSnapshot,
} from './statement-diff.js';
export { MARKER as SAMPLING_MARKER } from './queries.js';
