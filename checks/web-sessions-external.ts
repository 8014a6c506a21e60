import { defineCheck, notMeasured } from './check.js';

/** A session cookie was issued and its sessions live in a shared store (Redis), not in one pod's memory or disk. */
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
    const keys = e.cache?.session_keys;
    if (keys === undefined) {
      return notMeasured(
        `session cookie ${cookie} seen, but Redis was not scanned for sessions`,
        'pass --redis URL (the cache that holds sessions)',
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
        message: `session cookie ${cookie} issued, but no session key found in Redis`,
      };
    }
    return {
      status: 'pass',
      value: keys,
      threshold: 1,
      remedy,
      message: `session cookie ${cookie}; ${keys} session keys in Redis`,
    };
  },
});
