import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './ports.js';

export interface DjangoShopStats {
  logins: Record<string, number>;
  checkouts: number;
  orders: number;
  /** Rejections by CsrfViewMiddleware, by the reason it gave. */
  csrfFailures: Record<string, number>;
}

export interface DjangoShop {
  url: string;
  stats(): Promise<DjangoShopStats>;
  close(): Promise<void>;
}

/** Debian's interpreter, which has python3-django (a pyenv python3 earlier on PATH would not). */
const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./django-shop/shop.py', import.meta.url));

/** Starts the real Django shop (Debian's python3-django) with runserver on a free loopback port. */
export async function startDjangoShop(): Promise<DjangoShop> {
  const port = await freePort();
  const child: ChildProcess = spawn(PYTHON, [SCRIPT, String(port)], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d));
  const url = `http://127.0.0.1:${port}`;
  const stats = async (): Promise<DjangoShopStats> => (await (await fetch(`${url}/__stats`)).json()) as DjangoShopStats;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error(`django shop exited with ${child.exitCode}: ${stderr.slice(-2000)}`);
    try {
      await stats();
      break;
    } catch {
      if (i > 150) throw new Error(`django shop did not start: ${stderr.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  return {
    url,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
