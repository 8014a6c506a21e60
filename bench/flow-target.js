// The flow benchmark's target: the smallest useful responses, plus the cookies a Django login page and login set.
import http from 'node:http';

const body = Buffer.from('ok');
let n = 0;
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    const headers = { 'content-type': 'text/plain', 'content-length': body.length };
    if (req.url === '/login/') {
      n += 1;
      headers['set-cookie'] =
        req.method === 'GET'
          ? [`csrftoken=${String(n).padStart(32, 'a')}; Path=/; SameSite=Lax`]
          : [
              `sessionid=${String(n).padStart(32, 's')}; HttpOnly; Path=/`,
              `csrftoken=${String(n).padStart(32, 'b')}; Path=/`,
            ];
    }
    res.writeHead(200, headers);
    res.end(body);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`));
process.on('SIGTERM', () => process.exit(0));
