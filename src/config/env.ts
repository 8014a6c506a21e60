/**
 * Environment variables in the config's strings, as docker-compose writes them: `${VAR}`, `${VAR:-default}`
 * (unset or empty → default), `${VAR:?message}` (unset or empty → error) and `$$` for a literal `$`. Resolved once,
 * before validation, over every string value (keys stay as written). Pure: the environment is an argument.
 */
import { formatPath } from './config-path.js';
import { ConfigError } from '../errors.js';

export type Env = Readonly<Record<string, string | undefined>>;

/** One variable the config used, where it stood and what it gave. */
export interface EnvUse {
  path: (string | number)[];
  name: string;
  value: string;
  /** The whole string the variable stood in, resolved. */
  text: string;
}

export interface EnvResolution {
  value: unknown;
  uses: EnvUse[];
  /** Where a string was one reference and nothing else (`rate: ${RATE:-50}`): its text may stand for a number. */
  whole: (string | number)[][];
}

const ONE_REFERENCE = /^\$\{[^}]*\}$/;

const REFERENCE = /\$\$|\$\{([^}]*)\}|\$\{/g;
const BODY = /^([A-Za-z_][A-Za-z0-9_]*)(?:(:-|:\?)(.*))?$/s;

export function resolveEnv(input: unknown, env: Env): EnvResolution {
  const found: EnvResolution = { value: undefined, uses: [], whole: [] };
  found.value = walk(input, [], env, found);
  return found;
}

function walk(value: unknown, path: (string | number)[], env: Env, found: EnvResolution): unknown {
  if (typeof value === 'string') {
    if (ONE_REFERENCE.test(value)) found.whole.push(path);
    return resolveString(value, path, env, found.uses);
  }
  if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, i], env, found));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, [...path, k], env, found)]));
  return value;
}

function resolveString(text: string, path: (string | number)[], env: Env, uses: EnvUse[]): string {
  const found: Omit<EnvUse, 'text'>[] = [];
  const resolved = substitute(text, path, env, found);
  for (const use of found) uses.push({ ...use, text: resolved });
  return resolved;
}

function substitute(text: string, path: (string | number)[], env: Env, uses: Omit<EnvUse, 'text'>[]): string {
  const where = formatPath(path) || '(config)';
  return text.replace(REFERENCE, (match: string, body: string | undefined) => {
    if (match === '$$') return '$';
    if (body === undefined) throw new ConfigError(`${where}: unterminated "\${" (write $$ for a literal $)`);
    const parts = BODY.exec(body);
    if (!parts) throw new ConfigError(`${where}: "${match}" is not \${NAME}, \${NAME:-default} or \${NAME:?message}`);
    const [, name, operator, operand] = parts as unknown as [string, string, string | undefined, string | undefined];
    const set = env[name];
    if (operator === ':-') return set ? remember(uses, path, name, set) : (operand ?? '');
    if (operator === ':?' && !set) throw new ConfigError(`${where}: ${name} is not set: ${operand || 'required'}`);
    if (set === undefined)
      throw new ConfigError(
        `${where}: environment variable ${name} is not set (set it, or give the reference a default: \${VAR:-default})`,
      );
    return remember(uses, path, name, set);
  });
}

function remember(uses: Omit<EnvUse, 'text'>[], path: (string | number)[], name: string, value: string): string {
  uses.push({ path, name, value });
  return value;
}
