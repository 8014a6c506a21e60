// One backend of the worker fleet: an HTTP server on a given loopback port answering after ~5 ms.
// On listen it writes { pid, port, id, ready_ms } to its state file, so whoever restarts it can find it.
//   node fleet-backend.mjs --port P --id N --state FILE            serve in the foreground
//   node fleet-backend.mjs --port P --id N --state FILE --daemon   start a detached copy, exit once it listens
// The --daemon form is what a drill's recovery command runs: it returns, the backend keeps serving.
import http from 'node:http';
import { spawn } from 'node:child_process';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const args = {};
for (let i = 2; i < process.argv.length; i++) {
  const key = process.argv[i].replace(/^--/, '');
  const value = process.argv[i + 1];
  if (value === undefined || value.startsWith('--')) args[key] = true;
  else {
    args[key] = value;
    i++;
  }
}
const port = Number(args.port);
const state = String(args.state);

const readState = () => {
  try {
    return JSON.parse(readFileSync(state, 'utf8'));
  } catch {
    return undefined;
  }
};

if (args.daemon) {
  const self = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, [self, '--port', String(port), '--id', String(args.id), '--state', state], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
  const deadline = Date.now() + 5000;
  const poll = setInterval(() => {
    if (readState()?.pid === child.pid) {
      clearInterval(poll);
      process.stdout.write(`backend ${args.id} listening on ${port} as pid ${child.pid}\n`);
      process.exit(0);
    }
    if (Date.now() > deadline || child.exitCode !== null) {
      clearInterval(poll);
      process.stderr.write(`backend ${args.id} did not start on port ${port}\n`);
      process.exit(1);
    }
  }, 5);
} else {
  const server = http.createServer((req, res) => {
    req.resume();
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'text/plain', 'x-backend': String(args.id) });
      res.end(`backend ${args.id}\n`);
    }, 5);
  });
  // Longer than any test: the proxy never reuses a socket the backend is just closing.
  server.keepAliveTimeout = 120_000;
  server.listen(port, '127.0.0.1', () => {
    const tmp = `${state}.${process.pid}`;
    writeFileSync(tmp, JSON.stringify({ pid: process.pid, port, id: args.id, ready_ms: Date.now() }));
    renameSync(tmp, state);
  });
}
