import { randomBytes } from 'node:crypto';
import { Option, type Command } from 'commander';
import { validateConfig } from '../config/load.js';
import { REPORT_FORMATS } from '../config/choices.js';
import { flagsToConfig } from '../config/flags.js';
import type { ConfigInput } from '../config/schema.js';
import { startDemoTarget, DEMO_ROUTES } from '../demo/target.js';
import { startDemoDatabase } from '../demo/database.js';
import { executeAndReport, DEFAULT_OUT } from './run.js';

/**
 * The embedded default audit: ≤ 20 s against the built-in target and its database, sampled by the Postgres
 * source with a short profile phase, so the Database category is measured and the N+1 named.
 */
export function demoConfig(
  target: string,
  dsn: string,
  overrides: { rate?: number; duration?: string; appToken?: string } = {},
): ConfigInput {
  return {
    target,
    ...(overrides.appToken ? { app: { token: overrides.appToken } } : {}),
    endpoints: [
      { name: 'products', path: DEMO_ROUTES.products.path, weight: 1 },
      { name: 'products_joined', path: DEMO_ROUTES.productsJoined.path, weight: 1 },
      { name: 'products_deep', path: DEMO_ROUTES.productsDeep.path, weight: 1 },
      { name: 'search', path: DEMO_ROUTES.search.path, weight: 2 },
      { name: 'asset', path: DEMO_ROUTES.asset.path, weight: 4, headers: { 'accept-encoding': 'br, gzip' } },
      {
        name: 'checkout',
        method: 'POST',
        path: DEMO_ROUTES.checkout.path,
        json: { sku: 'demo', qty: 1 },
        weight: 1,
        expect: [201],
      },
    ],
    load: { rate: overrides.rate ?? 100, duration: overrides.duration ?? '8s', warmup: '1s', timeout: '5s' },
    sources: { postgres: { primary: dsn } },
    profile: { rate: 20, duration: '500ms' },
    slo: { p95: '300ms', error_rate: '1%', throughput: '97%', endpoints: { search: { p95: '200ms' } } },
  };
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run a short audit (≤ 20 s) of a built-in target and database: no services, config or network needed')
    .option('--out <file>', `where to write the RunResult (default ${DEFAULT_OUT})`)
    .addOption(new Option('--format <format>', 'report format').choices(REPORT_FORMATS).default('terminal'))
    .option('--report-out <file>', 'write the report to a file instead of stdout')
    .option('--rate <n>', 'arrival rate, requests/s', '100')
    .option('--duration <d>', 'measured duration', '8s')
    .option('--quiet', 'no live line or summary')
    .option('--metrics-port <n>', 'serve live OpenMetrics at http://127.0.0.1:N/metrics during the demo')
    .option('--prometheus-rw <url>', 'push live metrics to a Prometheus remote-write URL')
    .action(
      async (flags: {
        out?: string;
        format: string;
        reportOut?: string;
        rate: string;
        duration: string;
        quiet?: boolean;
        metricsPort?: string;
        prometheusRw?: string;
      }) => {
        if (!flags.quiet) process.stderr.write('demo: starting the built-in target and its database (PGlite)…\n');
        const db = await startDemoDatabase();
        const appToken = randomBytes(16).toString('hex');
        const target = await startDemoTarget(db, appToken);
        try {
          const config = validateConfig({
            ...demoConfig(target.url, db.dsn, { rate: Number(flags.rate), duration: flags.duration, appToken }),
            format: flags.format as ConfigInput['format'],
            report_out: flags.reportOut,
            ...flagsToConfig({ metricsPort: flags.metricsPort, prometheusRw: flags.prometheusRw }),
          });
          if (!flags.quiet)
            process.stderr.write(
              `demo: target at ${target.url}: products (N+1), products_joined (one JOIN), products_deep ` +
                `(deep OFFSET), search ~120 ms, a cacheable asset, checkout failing 5 %\n`,
            );
          process.exitCode = await executeAndReport(config, {
            quiet: flags.quiet === true,
            out: flags.out ?? DEFAULT_OUT,
          });
        } finally {
          await target.close();
          await db.close();
        }
      },
    );
}
