/** A stored run with a bit of everything: failed and passed gates, failed, warned, passed and unmeasured rules. */
import { audit } from '../../../src/audit/index.js';
import { validateConfig } from '../../../src/config/load.js';
import type { ConfigInput } from '../../../src/config/schema.js';
import type { RunResult } from '../../../src/result/run-result.js';
import {
  makeCacheEvidence,
  makeDbEvidence,
  makeEdgeEvidence,
  makeRunResult,
  type FixtureEndpoint,
} from '../../support/fixtures.js';

/** Names a careless renderer would break: table pipes, markup, quotes, ampersands, a control character. */
export const NASTY_ENDPOINT = 'search | <b>"q"</b> & \'more\'\u0007';

export const REPORT_CONFIG: ConfigInput = {
  slo: { p95: '300ms', error_rate: '1%', endpoints: { [NASTY_ENDPOINT]: { p95: '200ms' } } },
  budgets: { queries_per_request: 10, replica_lag: '1s' },
};

export function auditedRun(endpoints?: FixtureEndpoint[]): RunResult {
  const run = makeRunResult({
    endpoints: endpoints ?? [
      { name: 'home', path: '/', weight: 4, rps: 40, latency: (_t, i) => 20 + (i % 10) * 4 },
      { name: NASTY_ENDPOINT, path: '/search?q=a|b', weight: 1, rps: 10, latency: (_t, i) => 250 + (i % 5) * 20 },
    ],
    evidence: {
      db: makeDbEvidence({ queries_per_request: 14 }),
      cache: makeCacheEvidence({ hit_ratio: 0.7 }),
      edge: makeEdgeEvidence(),
    },
    config: JSON.parse(JSON.stringify(validateConfig(REPORT_CONFIG))) as Record<string, unknown>,
  });
  return { ...run, ...audit(run, validateConfig(REPORT_CONFIG)) };
}
