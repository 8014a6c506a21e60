import { defineCheck, notMeasured } from './check.js';

/**
 * A session cookie was issued and its sessions live in a shared store (Redis), not in one pod's memory or disk.
 * The cookie comes from the Set-Cookie names of the run's responses; the store from the bounded SCAN of Redis
 * for session keys (sources.sessions).
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
    const keys = e.cache?.session_keys;
    if (keys === undefined) {
      const scanned = cookie.redis?.scanned === false ? 'Redis was watched but not scanned for session keys' : '';
      return notMeasured(
        `${named} seen, but ${scanned || 'Redis was not scanned for sessions'}`,
        scanned
          ? 'set sources.sessions (pattern of the session keys, default Django cache sessions) to look for them'
          : 'pass --redis URL (the cache that holds sessions) with sources.sessions',
      );
    }
    const remedy =
      "set SESSION_ENGINE = 'django.contrib.sessions.backends.cache' with a Redis cache shared by all pods";
    if (keys === 0) {
      return {
        status: 'warn',
        value: 0,
        threshold: 1,
        remedy,
        message:
          `${named} issued, but no session key found in Redis: sessions live in local memory or files (one ` +
          'pod only) unless they are in the database',
      };
    }
    return {
      status: 'pass',
      value: keys,
      threshold: 1,
      remedy,
      message: `${named}; ${keys} session keys in Redis`,
    };
  },
});
