/**
 * The evidence of a merged run. Edge statistics come from every shard (each saw its own responses) and add up
 * exactly; what the sources observed (db, cache, queues, web) comes from the shard that sampled them. The
 * database's per-request figures are then re-divided by the requests of all shards, since the database served
 * every shard's traffic. Pure.
 */
import { mergeEdgeEvidence } from '../edge/edge-recorder.js';
import type { DbEvidence, EdgeEvidence, Evidence } from '../result/evidence.js';

export function mergeShardEvidence(parts: readonly Evidence[], requests: number): Evidence {
  const out: Evidence = {};
  const db = parts.find((p) => p.db)?.db;
  const cache = parts.find((p) => p.cache)?.cache;
  const queues = parts.find((p) => p.queues)?.queues;
  const web = parts.find((p) => p.web)?.web;
  const edges = parts.map((p) => p.edge).filter((e): e is EdgeEvidence => e !== undefined);
  if (db) out.db = perAllRequests(db, requests);
  if (cache) out.cache = cache;
  if (queues) out.queues = queues;
  if (edges.length) out.edge = mergeEdgeEvidence(...edges);
  if (web) out.web = web;
  return out;
}

function perAllRequests(db: DbEvidence, requests: number): DbEvidence {
  if (db.queries_total === undefined || requests <= 0) return db;
  return {
    ...db,
    queries_per_request: round(db.queries_total / requests),
    ...(db.statements
      ? { statements: db.statements.map((s) => ({ ...s, calls_per_request: round(s.calls / requests) })) }
      : {}),
  };
}

const round = (n: number): number => Math.round(n * 1000) / 1000;
