import { defineCheck, notMeasured } from './check.js';
import { scanCoverage } from './session-scan-words.js';
import type { SessionCookie } from './audit-evidence.js';

/**
 * A session cookie was issued and its sessions live in a shared store (Redis), not in one pod's memory or disk.
 * The cookie comes from the Set-Cookie names of the run's responses; the store from the bounded SCAN each Redis
 * source does for session keys by default (Django cache sessions; sources.sessions: false turns it off).
 */
export default defineCheck<Record<string, never>>({
  id: 'web.sessions-external',
  category: 'web',
  title: 'Sessions kept in a shared store',
  weight: 1,
  defaults: {},
  judge(e) {
    const cookie = e.web.session_cookie;
    if (!cookie)
      return notMeasured(
        'no session cookie seen in responses',
        'add an endpoint that starts a session (login) to check where sessions live',
      );
    const named = `session cookie ${cookie.name}${cookie.responses ? ` (${cookie.responses} responses)` : ''}`;
    const scan = cookie.redis?.scan;
    const keys = e.cache?.session_keys;
    const remedy =
      "set SESSION_ENGINE = 'django.contrib.sessions.backends.cache' with a Redis cache shared by all pods";
    const covered = scan ? ` (${scanCoverage(scan)})` : '';
    if (keys === undefined) return notScanned(named, cookie.redis);
    if (keys === 0)
      return notMeasured(
        `${named} issued, but no session key found in Redis${covered}: sessions are in the database, files or ` +
          'local memory, or under another key pattern',
        `${remedy}; or set sources.sessions.pattern to the pattern of your session keys`,
      );
    return {
      status: 'pass',
      value: keys,
      threshold: 1,
      remedy,
      message: `${named}; ${keys} session keys in Redis${covered}`,
    };
  },
});

function notScanned(named: string, redis: SessionCookie['redis']) {
  if (!redis)
    return notMeasured(`${named} seen, but no Redis was watched`, 'pass --redis URL (the cache that holds sessions)');
  if (!redis.scanned)
    return notMeasured(
      `${named} seen, but the session scan is off (sources.sessions: false)`,
      'remove sources.sessions: false to scan Redis for session keys',
    );
  return notMeasured(
    `${named} seen, but the session scan failed: ${redis.scan?.error ?? 'no result'}`,
    'allow SCAN and DBSIZE for the Redis user scale-audit connects as',
  );
}
