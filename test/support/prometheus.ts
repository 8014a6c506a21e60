import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './ports.js';

export interface PrometheusServer {
  url: string;
  /** Instant query; the result vector as [labels, value]. */
  query(expr: string): Promise<{ metric: Record<string, string>; value: number }[]>;
  close(): Promise<void>;
}

/**
 * A throwaway Debian `prometheus` on a free loopback port, in a temp directory: it scrapes `scrapePort` every
 * second (job "scrape") and accepts remote write (--web.enable-remote-write-receiver). Stopped by PID.
 */
export async function startPrometheus(scrapePort: number): Promise<PrometheusServer> {
  const dir = mkdtempSync(join(tmpdir(), 'scale-audit-prom-'));
  const port = await freePort();
  writeFileSync(
    join(dir, 'prometheus.yml'),
    `global: { scrape_interval: 1s, scrape_timeout: 900ms }
scrape_configs:
  - job_name: scrape
    static_configs: [ { targets: ['127.0.0.1:${scrapePort}'] } ]
`,
  );
  const child: ChildProcess = spawn(
    'prometheus',
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.enable-remote-write-receiver',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.once('error', (err) => (log += `\n${err.message} (Debian's prometheus: npm run test:all installs it)`));
  child.stderr!.on('data', (d: Buffer) => (log = (log + d).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const close = async (): Promise<void> => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  while (
    !(await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    ))
  ) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await close();
      throw new Error(`prometheus did not start: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  // The scrape manager picks up its targets a few seconds after start: wait for its first (failed) scrape.
  while (!(await scraping(url))) {
    if (Date.now() > deadline) {
      await close();
      throw new Error(`prometheus never scraped 127.0.0.1:${scrapePort}: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    url,
    close,
    query: async (expr) => {
      const res = await fetch(`${url}/api/v1/query?query=${encodeURIComponent(expr)}`);
      const body = (await res.json()) as {
        status: string;
        error?: string;
        data: { result: { metric: Record<string, string>; value: [number, string] }[] };
      };
      if (body.status !== 'success') throw new Error(`prometheus query ${expr}: ${body.error}`);
      return body.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
    },
  };
}

async function scraping(url: string): Promise<boolean> {
  const res = await fetch(`${url}/api/v1/targets`);
  const body = (await res.json()) as { data: { activeTargets: { lastScrape: string }[] } };
  return body.data.activeTargets.some((t) => !t.lastScrape.startsWith('0001-'));
}
