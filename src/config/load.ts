import { readFileSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { configSchema, type Config, type ConfigInput } from './schema.js';
import { ConfigError } from '../errors.js';
import { errorCode } from '../util/error-code.js';
import { redactHeaders, redactUrl, rememberSecret } from '../util/redact.js';
import { type Env, resolveEnv } from './env.js';
import { rememberEnvSecrets } from './env-secrets.js';
import { typeWholeReferences } from './env-scalars.js';
import { formatIssues } from './config-errors.js';

export const DEFAULT_CONFIG_FILE = 'scale-audit.yml';

/** Reads a YAML or JSON config file into raw (unvalidated) input. */
export function readConfigFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config ${file}: ${errorCode(err) || String(err)}`);
  }
  let data: unknown;
  try {
    data = parseYaml(text, { prettyErrors: true, uniqueKeys: true, logLevel: 'error' });
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? ` (line ${err.linePos[0].line})` : '';
    throw new ConfigError(`${file}${where}: not valid YAML or JSON: ${(err as Error).message.split('\n')[0]}`);
  }
  if (data === null || data === undefined) return {};
  if (typeof data !== 'object' || Array.isArray(data))
    throw new ConfigError(`${file}: expected a mapping at the top level`);
  return data as Record<string, unknown>;
}

/** The config file to use: the named one, or ./scale-audit.yml when present. */
export function locateConfig(explicit: string | undefined, cwd = process.cwd()): string | undefined {
  if (explicit) return explicit;
  const fallback = `${cwd}/${DEFAULT_CONFIG_FILE}`;
  return existsSync(fallback) ? fallback : undefined;
}

/** Deep merge where `over` wins; arrays are replaced, not concatenated. */
export function mergeConfig(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    if (value === undefined) continue;
    const prev = out[key];
    out[key] = isPlainObject(prev) && isPlainObject(value) ? mergeConfig(prev, value) : value;
  }
  return out;
}

export function validateConfig(input: unknown): Config {
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) throw new ConfigError(formatIssues(parsed.error, input));
  const config = parsed.data;
  rememberConfigSecrets(config);
  return config;
}

/** The file's `${VAR}` references are resolved before the flags are merged over it and the whole is validated. */
export function loadConfig(
  file: string | undefined,
  overrides: Partial<ConfigInput> = {},
  env: Env = process.env,
): Config {
  const fromFile = file ? resolveEnv(readConfigFile(file), env) : { value: {}, uses: [], whole: [] };
  rememberEnvSecrets(fromFile.uses);
  const typed = typeWholeReferences(fromFile.value, fromFile.whole) as Record<string, unknown>;
  const merged = mergeConfig(typed, overrides as Record<string, unknown>);
  const config = validateConfig(merged);
  return resolveDataPaths(config, file ? dirname(file) : '.');
}

/** Data set files are named relative to the config file's folder. */
function resolveDataPaths(config: Config, folder: string): Config {
  const data = Object.fromEntries(
    Object.entries(config.data).map(([name, set]) => [
      name,
      'csv' in set ? { ...set, csv: resolve(folder, set.csv) } : { ...set, json: resolve(folder, set.json) },
    ]),
  );
  return { ...config, data };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function rememberConfigSecrets(config: Config): void {
  const urls = [
    config.target,
    config.sources.postgres?.primary,
    config.sources.postgres?.pgbouncer,
    ...(config.sources.postgres?.replicas ?? []),
    ...config.sources.redis,
    config.sources.queues?.celery_redis,
    config.sources.queues?.rabbitmq,
  ];
  for (const url of urls) if (url) redactUrl(url);
  redactHeaders(config.headers);
  rememberSecret(config.app?.token);
  for (const e of config.endpoints) {
    redactHeaders(e.headers);
    redactUrl(`http://x${e.path}`);
  }
  for (const step of config.flows.flatMap((f) => f.steps)) redactHeaders(step.headers);
}
