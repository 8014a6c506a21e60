/**
 * The demo target's stand-in for integrations/django's middleware: counts one request's statements on the demo
 * database and answers them as Server-Timing in the same wire format, when the request carries the token.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { APP_TOKEN_HEADER, type AppSample } from '../app/wire-format.js';
import type { DemoDatabase } from './database.js';

export class CountingDb implements DemoDatabase {
  private readonly startedAt = performance.now();
  private readonly runs = new Map<string, number>();
  private dbMs = 0;

  constructor(private readonly db: DemoDatabase) {}

  get dsn(): string {
    return this.db.dsn;
  }

  async query<Row>(sql: string, params?: unknown[]): Promise<Row[]> {
    const start = performance.now();
    try {
      return await this.db.query<Row>(sql, params);
    } finally {
      this.dbMs += performance.now() - start;
      const text = sql.replace(/\s+/g, ' ').trim();
      this.runs.set(text, (this.runs.get(text) ?? 0) + 1);
    }
  }

  close(): Promise<void> {
    return Promise.resolve();
  }

  sample(): AppSample {
    const repeated = [...this.runs].filter(([, n]) => n > 1).sort((a, b) => b[1] - a[1]);
    return {
      appMs: performance.now() - this.startedAt,
      dbMs: this.dbMs,
      queries: [...this.runs.values()].reduce((a, b) => a + b, 0),
      duplicates: repeated.reduce((a, [, n]) => a + n, 0),
      cacheHits: 0,
      cacheMisses: 0,
      tasks: {},
      ...(repeated[0] ? { topDuplicate: { statement: repeated[0][0], n: repeated[0][1] } } : {}),
    };
  }
}

export function carriesToken(req: IncomingMessage, token: string | undefined): boolean {
  const given = req.headers[APP_TOKEN_HEADER];
  if (!token || typeof given !== 'string' || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}
