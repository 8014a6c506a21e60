/** `compare --map before=after`: pairs endpoints renamed between two runs by giving the before run the new names. */
import type { EndpointResult, RunResult } from '../result/run-result.js';

/**
 * Resolves "before=after" pairs against the two runs' endpoint names. Names may hold "=" themselves
 * ("/search?q=x"): the pair splits at the "=" that leaves a before name on the left and an after name on the right.
 */
export function resolveEndpointMap(
  pairs: readonly string[],
  before: RunResult,
  after: RunResult,
): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of pairs) {
    let found = false;
    for (let i = pair.indexOf('='); i >= 0 && !found; i = pair.indexOf('=', i + 1)) {
      const from = pair.slice(0, i);
      const to = pair.slice(i + 1);
      if (before.endpoints[from] && after.endpoints[to]) {
        map[from] = to;
        found = true;
      }
    }
    if (!found)
      throw new Error(
        `--map ${pair}: expected BEFORE=AFTER, an endpoint of the before run (${names(before)}) and one of the ` +
          `after run (${names(after)})`,
      );
  }
  return map;
}

const names = (run: RunResult): string => Object.keys(run.endpoints).join(', ') || 'none';

export function renameEndpoints(run: RunResult, map: Record<string, string>): RunResult {
  if (Object.keys(map).length === 0) return run;
  const rename = (name: string): string => map[name] ?? name;
  const endpoints: Record<string, EndpointResult> = {};
  for (const [name, e] of Object.entries(run.endpoints)) endpoints[rename(name)] = { ...e, name: rename(name) };
  const plan = { ...run.plan, endpoints: run.plan.endpoints.map((e) => ({ ...e, name: rename(e.name) })) };
  return { ...run, endpoints, plan };
}
