// The target of `npm run bench:compare`: service time drawn from a log-normal (median 10 ms, σ 0.5), times the
// SCALE environment variable (1.25 for the shifted runs), in its own process.
import http from 'node:http';

const normal = () => Math.sqrt(-2 * Math.log(Math.max(Math.random(), 1e-12))) * Math.cos(2 * Math.PI * Math.random());
const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  const median = Number(url.searchParams.get('median') ?? 10);
  const scale = Number(process.env.SCALE ?? 1);
  setTimeout(() => res.end('ok'), median * scale * Math.exp(0.5 * normal()));
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
process.on('SIGTERM', () => process.exit(0));
