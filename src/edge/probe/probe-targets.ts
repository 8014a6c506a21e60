/** The URLs `probe --config` visits: the target's GET endpoints and edge.probe paths, without duplicates. */
import type { Config } from '../../config/schema.js';
import { ConfigError } from '../../errors.js';

const SAFE_METHODS = new Set(['GET', 'HEAD']);

export function probeTargetsFromConfig(config: Config): string[] {
  const paths = [
    ...config.endpoints.filter((e) => SAFE_METHODS.has(e.method)).map((e) => e.path),
    ...(config.edge?.probe ?? []),
  ];
  const urls = paths.map((p) => resolveAgainst(config.target, p));
  return [...new Set(urls)];
}

/** "/a" under "https://x/app/" is "https://x/app/a": the target's own path prefix is kept. */
export function resolveAgainst(target: string | undefined, path: string): string {
  if (/^https?:\/\//i.test(path)) return path;
  if (!target)
    throw new ConfigError(`edge.probe: path ${JSON.stringify(path)} needs a target (set target: in the config)`);
  const base = target.replace(/\/+$/, '');
  return `${base}${path.startsWith('/') ? '' : '/'}${path}`;
}
