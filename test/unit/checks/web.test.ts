import { expect } from 'vitest';
import { buildEvidence } from '../../../src/audit/build-evidence.js';
import { makeEdgeEvidence, makeProbe, makeRunResult } from '../../support/fixtures.js';
import { describeRules, healthyEvidence, withAppFigures } from './rule-cases.js';
import type { SessionScan } from '../../../src/result/evidence.js';

const base = healthyEvidence();
const withEdge = (overrides: Parameters<typeof makeEdgeEvidence>[0]) => ({
  ...base,
  edge: makeEdgeEvidence(overrides),
});
const noEdge = { ...base, edge: undefined, probes: [] };

const SCAN = {
  redis: 'redis://127.0.0.1:6379/14',
  pattern: '*django.contrib.sessions.cache*',
  complete: true,
  keys_scanned: 3025,
  db_keys: 3025,
};
/** The cookie seen in 500 responses and a watched Redis whose scan found what it found (undefined: no scan). */
function scannedEvidence(scan: SessionScan | undefined, keys: number | undefined) {
  const cookie = { name: 'sessionid', responses: 500, redis: { scanned: scan !== undefined, ...(scan && { scan }) } };
  return { ...base, web: { session_cookie: cookie }, cache: { ...base.cache!, session_keys: keys } };
}

// Overload shown by the run itself: every 10th request timed out, a few 503s.
const timingOut = buildEvidence(
  makeRunResult({
    endpoints: [
      {
        name: 'home',
        path: '/',
        rps: 20,
        latency: () => 50,
        error: (_t, i) => (i % 10 === 0 ? { class: 'timeout' } : i === 1 ? { class: 'http', status: 503 } : null),
      },
    ],
  }),
);

const home = Object.keys(base.run.endpoints)[0]!;
/** The app reported 100 requests of the first endpoint: 20 ms in the view, `serviceMs` in all. */
const withApp = (serviceMs: (i: number) => number, queueMs?: (i: number) => number) =>
  withAppFigures(base, {
    [home]: Array.from({ length: 100 }, (_, i) => ({
      sample: queueMs ? { queueMs: queueMs(i) } : {},
      serviceMs: serviceMs(i),
    })),
  });

describeRules(
  'web',
  {
    'web.no-sticky': ['pass', 'fail', 'not-measured'],
    'web.sessions-external': ['pass', 'not-measured'],
    'web.backpressure': ['pass', 'warn', 'fail', 'not-measured'],
    'web.queueing': ['pass', 'fail', 'not-measured'],
  },
  [
    {
      rule: 'web.queueing',
      status: 'pass',
      name: 'a few ms outside the view',
      evidence: withApp((i) => 22 + (i % 5)),
      expect: (f) => expect(f.message).toMatch(/p95 .* outside the view \(service time − app time\) < 30 ms/),
    },
    {
      rule: 'web.queueing',
      status: 'fail',
      name: 'requests waited for a worker',
      evidence: withApp((i) => (i < 80 ? 25 : 400)),
      expect: (f) => {
        expect(f.message).toMatch(/requests waited 380 ms \(p95\) before the view ran/);
        expect(f.message).toMatch(/workers were all busy/);
        expect(f.remedy).toMatch(/gunicorn --workers/);
      },
    },
    {
      rule: 'web.queueing',
      status: 'fail',
      name: "the proxy's X-Request-Start says they queued, though the network was quick",
      evidence: withApp(
        () => 24,
        (i) => (i < 90 ? 2 : 120),
      ),
      config: { slo: { p95: '500ms' } },
      expect: (f) => expect(f.message).toMatch(/waited 120 ms .*queued behind the proxy .* ≥ 50 ms/),
    },
    {
      rule: 'web.queueing',
      status: 'not-measured',
      name: 'the app was not asked',
      evidence: base,
      expect: (f) => expect(f.remedy).toMatch(/integrations\/django .* app\.token/),
    },
    {
      rule: 'web.queueing',
      status: 'not-measured',
      name: 'the token was sent and nothing came back',
      evidence: { ...base, run: { ...base.run, app_token: true } },
      expect: (f) => {
        expect(f.message).toMatch(/none of 500 responses carried/);
        expect(f.remedy).toMatch(/first in MIDDLEWARE/);
      },
    },
    {
      rule: 'web.no-sticky',
      status: 'pass',
      name: 'only a csrftoken cookie',
      evidence: base,
      expect: (f) => expect(f.message).toMatch(/500 responses/),
    },
    {
      rule: 'web.no-sticky',
      status: 'fail',
      name: 'AWSALB affinity cookie',
      evidence: withEdge({
        cookies: [
          { name: 'AWSALB', affinity: true, count: 500, on_cacheable: 0 },
          { name: 'csrftoken', affinity: false, count: 3, on_cacheable: 0 },
        ],
      }),
      expect: (f) => {
        expect(f.message).toMatch(/AWSALB \(500×\)/);
        expect(f.message).not.toMatch(/csrftoken/);
        expect(f.remedy).toMatch(/stickiness/);
      },
    },
    {
      rule: 'web.no-sticky',
      status: 'fail',
      name: 'the probe saw an affinity cookie',
      evidence: {
        ...noEdge,
        probes: [
          makeProbe('http://127.0.0.1:8000/', {
            findings: [{ id: 'web.no-sticky', status: 'fail', message: 'load-balancer affinity cookie SERVERID' }],
          }),
        ],
      },
      expect: (f) => expect(f.message).toMatch(/\/: load-balancer affinity cookie SERVERID/),
    },
    { rule: 'web.no-sticky', status: 'not-measured', name: 'headers not recorded', evidence: noEdge },

    {
      rule: 'web.sessions-external',
      status: 'pass',
      name: 'session keys found in Redis',
      evidence: base,
      expect: (f) => expect(f.value).toBe(12),
    },
    {
      rule: 'web.sessions-external',
      status: 'pass',
      name: 'the default scan found session keys, and says what it scanned',
      evidence: scannedEvidence({ ...SCAN, found: 12 }, 12),
      expect: (f) =>
        expect(f.message).toBe(
          'session cookie sessionid (500 responses); 12 session keys in Redis (SCAN *django.contrib.sessions.cache* ' +
            'over all 3025 keys of redis://127.0.0.1:6379/14)',
        ),
    },
    {
      rule: 'web.sessions-external',
      status: 'not-measured',
      name: 'session cookie issued, no key in Redis: the reason and what was scanned',
      evidence: scannedEvidence(
        { ...SCAN, found: 0, complete: false, keys_scanned: 10_000, db_keys: 250_000, stopped_by: 'max_scan' },
        0,
      ),
      expect: (f) => {
        expect(f.message).toBe(
          'session cookie sessionid (500 responses) issued, but no session key found in Redis (SCAN ' +
            '*django.contrib.sessions.cache* over the first 10,000 of 250,000 keys of redis://127.0.0.1:6379/14 ' +
            '(stopped by sources.sessions.max_scan)): sessions are in the database, files or local memory, or under ' +
            'another key pattern',
        );
        expect(f.remedy).toMatch(/SESSION_ENGINE/);
      },
    },
    {
      rule: 'web.sessions-external',
      status: 'not-measured',
      name: 'no session cookie',
      evidence: { ...base, web: {} },
    },
    {
      rule: 'web.sessions-external',
      status: 'not-measured',
      name: 'cookie seen, no Redis watched',
      evidence: { ...base, cache: { ...base.cache!, session_keys: undefined } },
      expect: (f) => expect(f.remedy).toMatch(/--redis/),
    },
    {
      rule: 'web.sessions-external',
      status: 'not-measured',
      name: 'cookie seen, the scan turned off',
      evidence: scannedEvidence(undefined, undefined),
      expect: (f) => expect(f.message).toMatch(/session scan is off \(sources\.sessions: false\)$/),
    },
    {
      rule: 'web.sessions-external',
      status: 'not-measured',
      name: 'cookie seen, the scan failed',
      evidence: scannedEvidence({ redis: SCAN.redis, pattern: SCAN.pattern, error: 'NOPERM scan' }, undefined),
      expect: (f) => expect(f.message).toMatch(/the session scan failed: NOPERM scan$/),
    },

    {
      rule: 'web.backpressure',
      status: 'not-measured',
      name: 'no overload in the run',
      evidence: base,
      expect: (f) => expect(f.remedy).toMatch(/stress stage/),
    },
    {
      rule: 'web.backpressure',
      status: 'pass',
      name: 'overload shed with 429 + Retry-After',
      evidence: {
        ...base,
        web: {
          backpressure: { rejections: 120, rejections_with_retry_after: 120, timeouts_resets: 0, from: 'sources' },
        },
      },
    },
    {
      rule: 'web.backpressure',
      status: 'warn',
      name: 'rejections without Retry-After',
      evidence: {
        ...base,
        web: {
          backpressure: { rejections: 120, rejections_with_retry_after: 20, timeouts_resets: 0, from: 'sources' },
        },
      },
      expect: (f) => expect(f.message).toMatch(/100 rejections without Retry-After/),
    },
    {
      rule: 'web.backpressure',
      status: 'not-measured',
      name: 'a stray timeout is not overload',
      evidence: buildEvidence(
        makeRunResult({
          endpoints: [
            {
              name: 'home',
              path: '/',
              rps: 50,
              latency: () => 50,
              error: (t, i) => (t === 3 && i === 0 ? { class: 'timeout' } : null),
            },
          ],
        }),
      ),
      expect: (f) => expect(f.message).toMatch(/1 rejections\/timeouts in 500 requests/),
    },
    {
      rule: 'web.backpressure',
      status: 'fail',
      name: 'overload read from the run: timeouts dominate',
      evidence: timingOut,
      expect: (f) => {
        expect(f.message).toMatch(/10 fast rejections \(429\/503\) vs 20 timeouts/);
        expect(f.value).toBeCloseTo(20 / 30, 5);
      },
    },
  ],
);
