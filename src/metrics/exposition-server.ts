/**
 * `--metrics-port N`: the run's registry as OpenMetrics at http://127.0.0.1:N/metrics, loopback only, for as
 * long as the run lasts. A scraper that was watching gets one more scrape after the final figures (waited for,
 * up to twice its observed interval), so pulling loses the end of a run no more than pushing does.
 */
import { createServer, type Server } from 'node:http';
import type { OpenMetricsContentType, Registry } from 'prom-client';
import { ConfigError } from '../errors.js';

/** Longest wait for the last scrape, whatever interval the scraper seems to use. */
const LAST_SCRAPE_CAP_MS = 15_000;

export class ExpositionServer {
  private server: Server | undefined;
  private scrapes: number[] = [];
  private waiters: (() => void)[] = [];

  constructor(private readonly registry: Registry<OpenMetricsContentType>) {}

  /** Listens on 127.0.0.1:port (0: any free port); a port in use is a usage error (exit 2). */
  async listen(port: number): Promise<number> {
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      req.resume();
      if (req.method !== 'GET' || path !== '/metrics') return void res.writeHead(404).end('see /metrics\n');
      this.registry.metrics().then(
        (body) => {
          res.writeHead(200, { 'content-type': this.registry.contentType }).end(body);
          this.scraped();
        },
        (err: Error) => res.writeHead(500).end(`${err.message}\n`),
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', (err: NodeJS.ErrnoException) =>
        reject(new ConfigError(`metrics.port: cannot listen on 127.0.0.1:${port} (${err.code ?? err.message})`)),
      );
      server.listen(port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    return (server.address() as { port: number }).port;
  }

  get url(): string | undefined {
    const address = this.server?.address();
    return address && typeof address === 'object' ? `http://127.0.0.1:${address.port}/metrics` : undefined;
  }

  /**
   * Closes the endpoint; with `lastScrape` (the final figures are in), first waits for the next scrape if
   * something has been scraping.
   */
  async close(lastScrape = false): Promise<void> {
    const wait = lastScrape ? this.lastScrapeWaitMs() : 0;
    if (wait > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, wait);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private scraped(): void {
    this.scrapes = [...this.scrapes.slice(-1), performance.now()];
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Twice the interval between the last two scrapes; 0 when nothing scraped twice. */
  private lastScrapeWaitMs(): number {
    if (this.scrapes.length < 2) return 0;
    const interval = this.scrapes[1]! - this.scrapes[0]!;
    return Math.min(LAST_SCRAPE_CAP_MS, Math.max(100, 2 * interval));
  }
}
