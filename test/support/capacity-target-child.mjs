// A target of known capacity, in its own process: at most WORKERS requests in service at once, each for
// SERVICE_MS (a timer, not CPU), the rest wait in a FIFO like requests in a gunicorn backlog. Capacity is
// WORKERS / SERVICE_MS. Routes: any path is served that way; /__stats reports what it served.
import http from 'node:http';

const workers = Number(process.env.WORKERS ?? 4);
const serviceMs = Number(process.env.SERVICE_MS ?? 50);
const waiting = [];
let busy = 0;
let served = 0;
let peakBusy = 0;

const start = (res) => {
  busy += 1;
  peakBusy = Math.max(peakBusy, busy);
  setTimeout(() => {
    busy -= 1;
    served += 1;
    if (!res.destroyed) res.end('ok');
    next();
  }, serviceMs);
};

const next = () => {
  while (busy < workers && waiting.length > 0) {
    const res = waiting.shift();
    if (!res.destroyed) start(res);
  }
};

const server = http.createServer((req, res) => {
  req.resume();
  if (req.url === '/__stats') return void res.end(JSON.stringify({ served, busy, waiting: waiting.length, peakBusy }));
  res.setHeader('content-type', 'text/plain');
  if (busy < workers) start(res);
  else waiting.push(res);
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
process.on('SIGTERM', () => process.exit(0));
