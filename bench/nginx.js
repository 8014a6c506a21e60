// The bench target: a real nginx answering `return 200` (worker_processes 1), in a temp prefix on a free
// loopback port, started under `taskset` when given cores, stopped by its PID. Installs nginx when missing.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const NGINX = process.env.NGINX_BIN ?? '/usr/sbin/nginx';

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function config(prefix, port) {
  // As root the workers would switch to "nobody", who cannot read a root-owned temp dir.
  const user = process.getuid?.() === 0 ? 'user root root;' : '';
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((t) => `${t}_temp_path ${prefix}/tmp/${t};`);
  return `${user}
worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  ${temp.join('\n  ')}
  # Keep connections for the whole run: the bench measures the request path, not reconnects.
  keepalive_requests 100000000;
  server { listen 127.0.0.1:${port}; location / { return 200; } }
}
`;
}

function canConnect(port) {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** `cores`: a taskset list ("1") or undefined to leave placement to the scheduler. */
export async function startNginx(cores) {
  if (!existsSync(NGINX)) {
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { env, stdio: 'ignore' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'nginx'], { env, stdio: 'ignore' });
  }
  const prefix = mkdtempSync(join(tmpdir(), 'scale-audit-bench-nginx-'));
  mkdirSync(join(prefix, 'tmp'));
  const port = await freePort();
  writeFileSync(join(prefix, 'nginx.conf'), config(prefix, port));
  const args = ['-p', `${prefix}/`, '-c', join(prefix, 'nginx.conf'), '-e', join(prefix, 'error.log')];
  const child = cores ? spawn('taskset', ['-c', cores, NGINX, ...args]) : spawn(NGINX, args);
  child.stderr.resume();
  const until = Date.now() + 10_000;
  while (!(await canConnect(port))) {
    if (child.exitCode !== null || Date.now() > until) throw new Error('nginx did not start');
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        process.kill(child.pid, 'SIGTERM');
        await exited;
      }
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}
