import { Option, type Command } from 'commander';
import { validateConfig } from '../config/load.js';
import { REPORT_FORMATS } from '../config/choices.js';
import type { ConfigInput } from '../config/schema.js';
import { startDemoTarget, DEMO_ROUTES } from '../demo/target.js';
import { executeAndReport, DEFAULT_OUT } from './run.js';

/** The embedded default audit: ≤ 15 s against the built-in target. */
export function demoConfig(target: string, overrides: { rate?: number; duration?: string } = {}): ConfigInput {
  return {
    target,
    endpoints: [
      { name: 'products', path: DEMO_ROUTES.products.path, weight: 5 },
      { name: 'search', path: DEMO_ROUTES.search.path, weight: 2 },
      { name: 'asset', path: DEMO_ROUTES.asset.path, weight: 2, headers: { 'accept-encoding': 'br, gzip' } },
      {
        name: 'checkout',
        method: 'POST',
        path: DEMO_ROUTES.checkout.path,
        json: { sku: 'demo', qty: 1 },
        weight: 1,
        expect: [201],
      },
    ],
    load: { rate: overrides.rate ?? 100, duration: overrides.duration ?? '8s', warmup: '2s', timeout: '5s' },
    slo: { p95: '300ms', error_rate: '1%', throughput: '97%', endpoints: { search: { p95: '200ms' } } },
  };
}

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run a short audit (≤ 15 s) against a built-in target: no services, config or network needed')
    .option('--out <file>', `where to write the RunResult (default ${DEFAULT_OUT})`)
    .addOption(new Option('--format <format>', 'report format').choices(REPORT_FORMATS).default('terminal'))
    .option('--report-out <file>', 'write the report to a file instead of stdout')
    .option('--rate <n>', 'arrival rate, requests/s', '100')
    .option('--duration <d>', 'measured duration', '8s')
    .option('--quiet', 'no live line or summary')
    .action(
      async (flags: {
        out?: string;
        format: string;
        reportOut?: string;
        rate: string;
        duration: string;
        quiet?: boolean;
      }) => {
        const target = await startDemoTarget();
        try {
          const config = validateConfig({
            ...demoConfig(target.url, { rate: Number(flags.rate), duration: flags.duration }),
            format: flags.format as ConfigInput['format'],
            report_out: flags.reportOut,
          });
          if (!flags.quiet)
            process.stderr.write(
              `demo: built-in target at ${target.url} (products ~40 ms, search ~120 ms, cacheable asset, ` +
                `checkout failing 5 %)\n`,
            );
          process.exitCode = await executeAndReport(config, {
            quiet: flags.quiet === true,
            out: flags.out ?? DEFAULT_OUT,
          });
        } finally {
          await target.close();
        }
      },
    );
}
