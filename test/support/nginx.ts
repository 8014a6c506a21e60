/**
 * A real nginx (Debian package) in a temp prefix on a free loopback port: its own config, pid file, logs and
 * temp dirs, in the foreground (`daemon off`) as a child of the test; stop() ends it by its PID.
 */
import { freePort } from './ports.js';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const NGINX_BIN = process.env.NGINX_BIN ?? '/usr/sbin/nginx';

export interface NginxOptions {
  /** Directives inside `http { }` before the server (proxy_cache_path, upstreams…). `{prefix}` is replaced. */
  http?: string;
  /** Parameters of the `listen` directive after the address, e.g. `ssl http2`. */
  listen?: string;
  /** Directives inside `server { }` after `listen`. `{prefix}` is replaced. */
  server: string;
  /** Files under the prefix, e.g. { 'html/static/app.css': '…' }. */
  files?: Record<string, string | Buffer>;
}

export interface Nginx {
  port: number;
  url: string;
  prefix: string;
  pid: number;
  errorLog(): string;
  stop(): Promise<void>;
}

export function ensureNginxInstalled(): void {
  if (existsSync(NGINX_BIN)) return;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { env, stdio: 'ignore' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'nginx'], { env, stdio: 'ignore' });
}

export async function startNginx(options: NginxOptions): Promise<Nginx> {
  ensureNginxInstalled();
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await startOnce(options, await freePort());
    } catch (err) {
      lastError = err; // most likely the port was taken between probing and binding: try another
    }
  }
  throw lastError;
}

async function startOnce(options: NginxOptions, port: number): Promise<Nginx> {
  const prefix = mkdtempSync(join(tmpdir(), 'scale-audit-nginx-'));
  for (const d of ['tmp', 'logs', 'html', 'cache']) mkdirSync(join(prefix, d));
  for (const [path, content] of Object.entries(options.files ?? {})) {
    mkdirSync(dirname(join(prefix, path)), { recursive: true });
    writeFileSync(join(prefix, path), content);
  }
  const conf = join(prefix, 'nginx.conf');
  writeFileSync(conf, renderConfig(options, prefix, port));
  const errorLog = join(prefix, 'logs', 'error.log');
  const child = spawn(NGINX_BIN, ['-p', `${prefix}/`, '-c', conf, '-e', errorLog], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const killOnExit = (): void => void (child.exitCode === null && child.kill('SIGKILL'));
  process.once('exit', killOnExit);
  const readLog = (): string => (existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : '');
  try {
    await waitForPort(port, child);
  } catch (err) {
    killOnExit();
    process.off('exit', killOnExit);
    rmSync(prefix, { recursive: true, force: true });
    throw new Error(`nginx did not start: ${(err as Error).message}\n${stderr}`);
  }
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    prefix,
    pid: child.pid!,
    errorLog: readLog,
    stop: async () => {
      await stopChild(child);
      process.off('exit', killOnExit);
      rmSync(prefix, { recursive: true, force: true });
    },
  };
}

function renderConfig(options: NginxOptions, prefix: string, port: number): string {
  const fill = (s: string): string => s.replaceAll('{prefix}', prefix);
  // As root the workers would switch to "nobody", who cannot read a root-owned temp dir.
  const user = process.getuid?.() === 0 ? 'user root root;' : '';
  const types =
    'text/html html; text/css css; application/javascript js; ' +
    'application/json json; image/png png; text/plain txt;';
  return `
${user}
worker_processes 1;
daemon off;
pid ${prefix}/nginx.pid;
error_log ${prefix}/logs/error.log warn;
events { worker_connections 256; }
http {
  access_log off;
  client_body_temp_path ${prefix}/tmp/client_body;
  proxy_temp_path ${prefix}/tmp/proxy;
  fastcgi_temp_path ${prefix}/tmp/fastcgi;
  uwsgi_temp_path ${prefix}/tmp/uwsgi;
  scgi_temp_path ${prefix}/tmp/scgi;
  types { ${types} }
  default_type application/octet-stream;
  ${fill(options.http ?? '')}
  server {
    listen 127.0.0.1:${port}${options.listen ? ` ${options.listen}` : ''};
    root ${prefix}/html;
    ${fill(options.server)}
  }
}
`;
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(child.pid!, 'SIGTERM'); // fast shutdown: the master stops its workers
  const timer = setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

async function waitForPort(port: number, child: ChildProcess): Promise<void> {
  const until = Date.now() + 10_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`exited with code ${child.exitCode}`);
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('not listening after 10 s');
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
