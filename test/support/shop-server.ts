import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

export interface ShopStats {
  requests: number;
  byPath: Record<string, number>;
  /** Successful logins per username. */
  logins: Record<string, number>;
  /** CSRF rejections by Django's reason. */
  csrfFailures: Record<string, number>;
  checkouts: number;
  /** Order pages served to the session that placed the order. */
  orders: number;
  firstAt: number;
  lastAt: number;
}

export interface ShopServer {
  url: string;
  stats(): Promise<ShopStats>;
  reset(): Promise<void>;
  close(): Promise<void>;
}

const CHILD = fileURLToPath(new URL('./shop-server-child.mjs', import.meta.url));

/** Starts the Django-rule shop (shop-server-child.mjs) in its own process on a free loopback port. */
export async function startShopServer(): Promise<ShopServer> {
  const child: ChildProcess = spawn(process.execPath, [CHILD], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', (line) =>
      resolve((JSON.parse(line) as { port: number }).port),
    );
    child.once('exit', (code) => reject(new Error(`shop server exited with ${code}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    stats: async () => (await (await fetch(`${url}/__stats`)).json()) as ShopStats,
    reset: async () => void (await (await fetch(`${url}/__reset`)).text()),
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
