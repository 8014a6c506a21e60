// A round-robin HTTP reverse proxy (one request per backend in turn, no retry), in its own process.
// When the chosen backend is down (refused, reset mid-request) it either answers 502 (like nginx) or
// resets the client's connection, as `onDown` says. Prints { port } once listening.
import http from 'node:http';

const { backends, onDown } = JSON.parse(process.argv[2]);
const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade']);
let next = 0;

const server = http.createServer((req, res) => {
  const port = backends[next++ % backends.length];
  const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !HOP_BY_HOP.has(k)));
  const upstream = http.request(
    { host: '127.0.0.1', port, method: req.method, path: req.url, headers, agent },
    (up) => {
      const back = Object.fromEntries(Object.entries(up.headers).filter(([k]) => !HOP_BY_HOP.has(k)));
      res.writeHead(up.statusCode ?? 502, back);
      up.pipe(res);
      up.on('error', () => res.destroy());
    },
  );
  upstream.on('error', (err) => {
    if (res.headersSent || onDown === 'reset') {
      req.socket.destroy();
      return;
    }
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end(`bad gateway: backend ${port} ${err.code ?? err.message}\n`);
  });
  req.pipe(upstream);
});
server.keepAliveTimeout = 120_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
