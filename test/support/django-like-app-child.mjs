// The Django-like app of django-like-app.ts, in its own process so its work never delays the load generator.
// Options come as one JSON argument; the first stdout line is {"port": N}. /__stats answers its counters.
import http from 'node:http';
import { existsSync } from 'node:fs';
import { randomBytes, randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

const options = JSON.parse(process.argv[2] ?? '{}');
const redis = options.redisUrl ? new Redis(options.redisUrl, { maxRetriesPerRequest: 1 }) : undefined;
redis?.on('error', () => undefined);
const state = { served: 0, sessionsStored: 0, busy: 0, requests: 0 };
const backlog = [];
const workers = options.workers ?? 64;
const limiter = { second: 0, used: 0 };
const prefix = options.keyPrefix ?? '';

// kombu's Redis layout: a task message LPUSHed on the list named after the queue (priority 0).
const taskMessage = (queue) => {
  const id = randomUUID();
  return JSON.stringify({
    body: Buffer.from(JSON.stringify([[state.served], {}, {}])).toString('base64'),
    'content-encoding': 'utf-8',
    'content-type': 'application/json',
    headers: { lang: 'py', task: 'shop.tasks.after_checkout', id, root_id: id, retries: 0 },
    properties: {
      correlation_id: id,
      delivery_mode: 2,
      delivery_info: { exchange: '', routing_key: queue },
      priority: 0,
      body_encoding: 'base64',
      delivery_tag: randomUUID(),
    },
  });
};

const routes = {
  '/page': async (url, res) => {
    const ms = Number(url.searchParams.get('ms') ?? 5) + (faultMode() === 'slow' ? 40 : 0);
    await new Promise((resolve) => setTimeout(resolve, ms));
    res.end('<html>page</html>');
  },
  '/login': async (_url, res) => {
    const key = randomBytes(16).toString('hex');
    if (options.sessionsInRedis && redis) {
      await redis.set(`${prefix}:1:django.contrib.sessions.cache${key}`, 'session-data', 'EX', 120);
      state.sessionsStored += 1;
    }
    res.setHeader('set-cookie', [`sessionid=${key}; HttpOnly; Path=/; SameSite=Lax`, `csrftoken=${key}; Path=/`]);
    res.end('logged in');
  },
  '/limited': async (_url, res) => {
    const second = Math.floor(Date.now() / 1000);
    if (second !== limiter.second) Object.assign(limiter, { second, used: 0 });
    limiter.used += 1;
    if (limiter.used > (options.limitPerS ?? 10)) {
      res.statusCode = 429;
      if (options.retryAfter) res.setHeader('retry-after', '1');
    }
    res.end(res.statusCode === 429 ? 'Request was throttled.' : 'ok');
  },
  '/sticky': async (_url, res) => {
    res.setHeader('set-cookie', 'AWSALB=pinned-to-pod-1; Path=/');
    res.end('ok');
  },
  '/checkout': async (url, res) => {
    for (const queue of (url.searchParams.get('queues') ?? 'celery').split(',')) {
      await redis?.lpush(`${prefix}${queue}`, taskMessage(queue));
    }
    res.end('{"ok":true}');
  },
};

const notFound = async (_url, res) => {
  res.statusCode = 404;
  res.end();
};

function faultMode() {
  if (!options.faultFile || !existsSync(options.faultFile)) return undefined;
  return ['down', 'reset-some', 'slow'].find((mode) => options.faultFile.endsWith(mode)) ?? 'down';
}

// A sync worker is busy until its handler returns, even when the client already gave up (as in gunicorn).
const run = (req, res) => {
  state.busy += 1;
  state.served += 1;
  const url = new URL(req.url ?? '/', 'http://app');
  const handler = routes[url.pathname] ?? notFound;
  if (options.tracing) {
    res.setHeader('traceparent', `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`);
    res.setHeader('x-request-id', randomBytes(8).toString('hex'));
  }
  handler(url, res)
    .catch((error) => {
      res.statusCode = 500;
      res.end(error.message);
    })
    .finally(() => {
      state.busy -= 1;
      backlog.shift()?.();
    });
};

const server = http.createServer((req, res) => {
  if (req.url === '/__stats') return void res.end(JSON.stringify(state));
  state.requests += 1;
  const mode = faultMode();
  if (mode === 'down' || (mode === 'reset-some' && state.requests % (options.resetEvery ?? 20) === 0)) {
    req.socket.destroy();
    return;
  }
  if (state.busy < workers) run(req, res);
  else backlog.push(() => run(req, res));
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => {
  redis?.disconnect();
  process.exit(0);
});
