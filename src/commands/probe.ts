import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { repeatable } from './options.js';
import { loadConfig, locateConfig } from '../config/load.js';
import { parseHeaderFlag } from '../config/flags.js';
import { parseDuration } from '../config/units.js';
import { ConfigError, EXIT } from '../errors.js';
import { probeUrls, type ProbeOptions } from '../edge/probe/probe.js';
import type { ProbeResult } from '../edge/probe/probe-result.js';
import { colorWanted, renderProbeTable } from '../edge/probe/probe-table.js';
import { probeTargetsFromConfig } from '../edge/probe/probe-targets.js';
import { errorCode } from '../util/error-code.js';
import { redactHeaders } from '../util/redact.js';

interface ProbeFlags {
  config?: string;
  json?: boolean;
  insecure?: boolean;
  ca?: string;
  timeout: string;
  header?: string[];
}

export function registerProbe(program: Command): void {
  program
    .command('probe')
    .description(
      'Check edge/CDN readiness of URLs without load: protocol, caching policy, validators, compression, cookies',
    )
    .argument('[urls...]', 'URLs to probe (or use --config)')
    .option('--config <file>', 'probe the target endpoints and edge.probe paths of a config file')
    .option('--json', 'print the results as a JSON array')
    .option('--insecure', 'accept any TLS certificate')
    .option('--ca <file>', 'trust the PEM certificate(s) in FILE')
    .option('--timeout <duration>', 'deadline per URL', '10s')
    .addOption(repeatable('--header <header>', "send 'Name: value' with every request (repeatable)"))
    .action(async (urls: string[], flags: ProbeFlags) => {
      const { targets, options } = resolveProbe(urls, flags);
      const results = await probeUrls(targets, options);
      const out = flags.json
        ? `${JSON.stringify(results, null, 2)}\n`
        : renderProbeTable(results, { color: colorWanted(process.env, Boolean(process.stdout.isTTY)) });
      process.stdout.write(out);
      if (results.every((r) => r.status === null)) {
        process.stderr.write(`scale-audit: no URL answered (${results.length} probed)\n`);
        process.exitCode = EXIT.unreachable;
      }
    });
}

export function resolveProbe(urls: string[], flags: ProbeFlags): { targets: string[]; options: ProbeOptions } {
  const timeoutMs = parseDuration(flags.timeout);
  if (timeoutMs === undefined || timeoutMs <= 0)
    throw new ConfigError(`--timeout: expected a duration like "10s", got ${JSON.stringify(flags.timeout)}`);
  const configFile = urls.length ? flags.config : locateConfig(flags.config);
  const config = configFile ? loadConfig(configFile) : undefined;
  for (const url of urls) {
    if (!/^https?:\/\/[^/]+/i.test(url) || !URL.canParse(url))
      throw new ConfigError(`probe: expected an http(s) URL, got ${JSON.stringify(url)}`);
  }
  const targets = [...new Set([...urls, ...(config ? probeTargetsFromConfig(config) : [])])];
  if (!targets.length)
    throw new ConfigError(
      'probe: give one or more URLs, or --config FILE with a target and endpoints or edge.probe paths',
    );
  const headers = { ...(config?.headers ?? {}), ...Object.fromEntries((flags.header ?? []).map(parseHeaderFlag)) };
  redactHeaders(headers);
  return {
    targets,
    options: { headers, insecure: Boolean(flags.insecure), timeoutMs, ...(flags.ca ? { ca: readCa(flags.ca) } : {}) },
  };
}

function readCa(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`--ca: cannot read ${file}: ${errorCode(err) || String(err)}`);
  }
}

export type { ProbeResult };
