// A shop that applies Django's CSRF rule as CsrfViewMiddleware does, run in its own process:
// a csrftoken cookie (a 32-character secret) set on the login page, a masked csrfmiddlewaretoken in its form;
// on POST/PUT/PATCH/DELETE the cookie must be sent and X-CSRFToken (or the form field) must unmask to its secret,
// an Origin header must match the host; the token rotates at login. Otherwise 403 with Django's failure page.
// Routes: GET/POST /accounts/login/ (password must be "pw-<username>"), POST /cart/add/ (JSON), POST /checkout/
// (201 {"order_id": n}), GET /orders/<n>/ (the session's own orders only), GET /fast, /__stats, /__reset.
import http from 'node:http';
import { randomInt } from 'node:crypto';

const CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const secret = () => Array.from({ length: 32 }, () => CHARS[randomInt(CHARS.length)]).join('');
const mask = (s) => {
  const m = secret();
  return m + [...s].map((c, i) => CHARS[(CHARS.indexOf(c) + CHARS.indexOf(m[i])) % CHARS.length]).join('');
};
const unmask = (t) => {
  if (t.length === 32) return t;
  const [m, c] = [t.slice(0, 32), t.slice(32)];
  return [...c].map((x, i) => CHARS[(CHARS.indexOf(x) - CHARS.indexOf(m[i]) + CHARS.length) % CHARS.length]).join('');
};

let stats;
const sessions = new Map();
let orderSeq = 0;
const reset = () => {
  stats = {
    requests: 0,
    byPath: {},
    logins: {},
    csrfFailures: {},
    checkouts: 0,
    orders: 0,
    firstAt: 0,
    lastAt: 0,
    iterationsEnded: [],
  };
  sessions.clear();
};
reset();

const cookiesOf = (req) =>
  Object.fromEntries(
    (req.headers.cookie ?? '')
      .split(';')
      .filter(Boolean)
      .map((p) => p.trim().split('=').map(decodeURIComponent)),
  );

function failCsrf(res, reason) {
  stats.csrfFailures[reason] = (stats.csrfFailures[reason] ?? 0) + 1;
  res.writeHead(403, { 'content-type': 'text/html; charset=utf-8' });
  res.end(
    '<!DOCTYPE html><html lang="en"><head><title>403 Forbidden</title>' +
      '<style>body { font: small sans-serif; }</style></head><body><div id="summary">' +
      '<h1>Forbidden <span>(403)</span></h1><p>CSRF verification failed. Request aborted.</p></div>' +
      `<div id="info"><h2>Help</h2><p>Reason given for failure:</p>\n<pre>\n    ${reason}\n    </pre></div>` +
      '</body></html>',
  );
}

function csrfOk(req, res, body) {
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host}`) {
    failCsrf(res, `Origin checking failed - ${origin} does not match any trusted origins.`);
    return false;
  }
  const cookie = cookiesOf(req).csrftoken;
  if (!cookie) {
    failCsrf(res, 'CSRF cookie not set.');
    return false;
  }
  const given = req.headers['x-csrftoken'] ?? new URLSearchParams(body).get('csrfmiddlewaretoken');
  if (!given) {
    failCsrf(res, 'CSRF token missing.');
    return false;
  }
  if ((given.length !== 32 && given.length !== 64) || unmask(given) !== cookie) {
    failCsrf(res, 'CSRF token incorrect.');
    return false;
  }
  return true;
}

const json = (res, status, value, headers = {}) => {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(value));
};

function route(req, res, path, body) {
  const unsafe = !['GET', 'HEAD', 'OPTIONS'].includes(req.method);
  if (unsafe && !csrfOk(req, res, body)) return;
  const session = sessions.get(cookiesOf(req).sessionid);
  if (path === '/accounts/login/' && req.method === 'GET') {
    const token = cookiesOf(req).csrftoken ?? secret();
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'set-cookie': `csrftoken=${token}; Path=/; SameSite=Lax`,
    });
    return void res.end(
      `<form method="post"><input type="hidden" name="csrfmiddlewaretoken" value="${mask(token)}">` +
        `<input name="username"><input name="password" type="password"></form>`,
    );
  }
  if (path === '/accounts/login/' && req.method === 'POST') {
    const form = new URLSearchParams(body);
    const username = form.get('username') ?? '';
    if (!username || form.get('password') !== `pw-${username}`) return void res.writeHead(200).end('bad login');
    stats.logins[username] = (stats.logins[username] ?? 0) + 1;
    const id = secret();
    sessions.set(id, { username, cart: 0, orders: new Set() });
    res.writeHead(302, {
      location: '/',
      'set-cookie': [`sessionid=${id}; HttpOnly; Path=/; SameSite=Lax`, `csrftoken=${secret()}; Path=/; SameSite=Lax`],
    });
    return void res.end();
  }
  if (!session) return json(res, 401, { detail: 'login required' });
  if (path === '/cart/add/' && req.method === 'POST') {
    session.cart += JSON.parse(body || '{}').quantity ?? 1;
    return json(res, 200, { items: session.cart });
  }
  if (path === '/checkout/' && req.method === 'POST') {
    if (!session.cart) return json(res, 400, { detail: 'empty cart' });
    const order = ++orderSeq;
    session.orders.add(order);
    session.cart = 0;
    stats.checkouts += 1;
    return json(res, 201, { order_id: order, user: session.username }, { 'x-order': String(order) });
  }
  const m = /^\/orders\/(\d+)\/$/.exec(path);
  if (m && req.method === 'GET') {
    if (!session.orders.has(Number(m[1]))) return json(res, 404, { detail: 'no such order' });
    stats.orders += 1;
    return json(res, 200, { order_id: Number(m[1]) });
  }
  json(res, 404, { detail: 'not found' });
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const path = url.pathname;
  if (path === '/__stats') return void res.end(JSON.stringify(stats));
  if (path === '/__reset') {
    reset();
    return void res.end('{}');
  }
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const now = Date.now();
    stats.requests += 1;
    stats.byPath[path] = (stats.byPath[path] ?? 0) + 1;
    stats.firstAt ||= now;
    stats.lastAt = now;
    if (path === '/fast') return void res.end('ok');
    route(req, res, path, Buffer.concat(chunks).toString('utf8'));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
