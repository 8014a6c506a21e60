// A target with known behaviour, run in its own process so its stalls never stall the load generator.
// Routes: /fast, /delay?ms=N, /status?code=N, /fail?every=N (every N-th request 500), /reset, /hang,
// /garbage (not HTTP), /endless (a body that never ends), /big-headers (1 MB), /slowloris (1 byte per 100 ms),
// /__stall?ms=N (busy-waits the event loop: a GC-like pause), /__stats, /__reset.
import http from 'node:http';

let stats = { count: 0, byPath: {}, firstAt: 0, lastAt: 0 };
let failCounter = 0;

const busyWait = (ms) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    /* stall */
  }
};

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const path = url.pathname;
  if (path.startsWith('/__')) return control(path, url, res);
  const now = Date.now();
  stats.count += 1;
  stats.byPath[path] = (stats.byPath[path] ?? 0) + 1;
  stats.firstAt ||= now;
  stats.lastAt = now;
  switch (path) {
    case '/delay':
      return void setTimeout(() => res.end('ok'), Number(url.searchParams.get('ms') ?? 50));
    case '/status':
      res.statusCode = Number(url.searchParams.get('code') ?? 500);
      return void res.end('status');
    case '/fail': {
      const every = Number(url.searchParams.get('every') ?? 10);
      failCounter += 1;
      res.statusCode = failCounter % every === 0 ? 500 : 200;
      return void res.end();
    }
    case '/reset':
      return void req.socket.destroy();
    case '/hang':
      return;
    case '/garbage':
      req.socket.write('this is not HTTP at all\r\n\r\n\x00\x01\x02');
      return void setTimeout(() => req.socket.destroy(), 50);
    case '/endless': {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 120);
      const pump = () => {
        if (!res.destroyed && res.write(chunk)) setImmediate(pump);
      };
      res.on('drain', pump);
      return void pump();
    }
    case '/big-headers':
      res.setHeader('x-big', 'a'.repeat(1 << 20));
      return void res.end('ok');
    case '/slowloris': {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const drip = setInterval(() => {
        if (res.destroyed) clearInterval(drip);
        else res.write('.');
      }, 100);
      res.on('close', () => clearInterval(drip));
      return;
    }
    default:
      res.setHeader('content-type', 'text/plain');
      return void res.end('ok');
  }
});

function control(path, url, res) {
  if (path === '/__stats') return void res.end(JSON.stringify(stats));
  if (path === '/__reset') {
    stats = { count: 0, byPath: {}, firstAt: 0, lastAt: 0 };
    failCounter = 0;
    return void res.end('{}');
  }
  if (path === '/__stall') {
    res.end('stalling');
    const ms = Number(url.searchParams.get('ms') ?? 1000);
    return void setTimeout(() => busyWait(ms), Number(url.searchParams.get('after') ?? 0));
  }
  res.statusCode = 404;
  res.end();
}

server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
process.on('SIGTERM', () => process.exit(0));
