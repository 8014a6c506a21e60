/** The readiness checklist: one file per rule of docs/checks.md, in its order. */
import type { Check } from './check.js';
import sloLatency from './slo-latency.js';
import sloErrors from './slo-errors.js';
import sloThroughput from './slo-throughput.js';
import webNoSticky from './web-no-sticky.js';
import webSessionsExternal from './web-sessions-external.js';
import webBackpressure from './web-backpressure.js';
import webQueueing from './web-queueing.js';
import asyncQueueBounded from './async-queue-bounded.js';
import asyncPriorities from './async-priorities.js';
import asyncDrain from './async-drain.js';
import dbQueriesPerRequest from './db-queries-per-request.js';
import dbNPlusOne from './db-n-plus-one.js';
import dbOffsetPagination from './db-offset-pagination.js';
import dbSeqScans from './db-seq-scans.js';
import dbBufferHit from './db-buffer-hit.js';
import dbConnections from './db-connections.js';
import dbPooler from './db-pooler.js';
import dbReplicaRouting from './db-replica-routing.js';
import dbReplicaLag from './db-replica-lag.js';
import cacheHitRatio from './cache-hit-ratio.js';
import cacheEvictions from './cache-evictions.js';
import edgeCacheControl from './edge-cache-control.js';
import edgeValidators from './edge-validators.js';
import edgeCompression from './edge-compression.js';
import edgeProtocol from './edge-protocol.js';
import edgeOffload from './edge-offload.js';
import edgeCookieOnCacheable from './edge-cookie-on-cacheable.js';
import obsTracing from './obs-tracing.js';
import drillRecovery from './drill-recovery.js';
import drillDegradation from './drill-degradation.js';

export const CHECKS: readonly Check[] = [
  sloLatency,
  sloErrors,
  sloThroughput,
  webNoSticky,
  webSessionsExternal,
  webBackpressure,
  webQueueing,
  asyncQueueBounded,
  asyncPriorities,
  asyncDrain,
  dbQueriesPerRequest,
  dbNPlusOne,
  dbOffsetPagination,
  dbSeqScans,
  dbBufferHit,
  dbConnections,
  dbPooler,
  dbReplicaRouting,
  dbReplicaLag,
  cacheHitRatio,
  cacheEvictions,
  edgeCacheControl,
  edgeValidators,
  edgeCompression,
  edgeProtocol,
  edgeOffload,
  edgeCookieOnCacheable,
  obsTracing,
  drillRecovery,
  drillDegradation,
];

export function checkById(id: string): Check | undefined {
  return CHECKS.find((c) => c.id === id);
}

export { CATEGORIES, categoryTitle, type CategoryId } from './categories.js';
export type { Check, Thresholds, Judgement, ConfigWord } from './check.js';
