import { defineCheck, listOf, notMeasured, num } from './check.js';
import { unwatchedNote } from './db-watched.js';

/** Replicas that exist should take reads (a DB router shipping safe SELECTs to them). */
export default defineCheck<{ min_xact_per_request: number }>({
  id: 'db.replica-routing',
  category: 'database',
  title: 'Read replicas serve reads',
  weight: 1,
  // The sources subtract their own sampling transactions, so a small share already means real reads.
  defaults: { min_xact_per_request: 0.01 },
  judge(e, t) {
    const replicas = e.db?.replicas;
    if (!replicas?.length)
      return notMeasured(
        `no replica watched${e.db ? unwatchedNote(e.db) : ''}`,
        'pass --pg-replica DSN for each read replica',
        t.min_xact_per_request,
      );
    const requests = e.run.summary.requests;
    if (requests === 0)
      return notMeasured(
        'no completed request to relate replica reads to',
        'check that the target answers',
        t.min_xact_per_request,
      );
    const idle = replicas.filter((r) => r.xact_commit / requests < t.min_xact_per_request);
    const remedy =
      'add a DATABASE_ROUTERS router that sends read-only queries to the replica (with a lag-aware fallback)';
    const rates = replicas.map((r) => `${r.name} ${num(r.xact_commit / requests, 2)} xact/req`);
    if (idle.length) {
      const which =
        idle.length === replicas.length
          ? 'no replica served reads'
          : `${listOf(idle.map((r) => r.name))} served no reads`;
      return {
        status: 'warn',
        value: idle.length,
        threshold: t.min_xact_per_request,
        remedy,
        message: `${which} (${listOf(rates)})`,
        details: { idle: idle.map((r) => r.name) },
      };
    }
    return {
      status: 'pass',
      value: 0,
      threshold: t.min_xact_per_request,
      remedy,
      message: `replicas served reads: ${listOf(rates)}`,
    };
  },
});
