/** `compare --map before=after`: pairs endpoints renamed between two runs by giving the before run the new names. */
import type { EndpointResult, RunResult } from '../result/run-result.js';

/** Parses "before=after" pairs; a malformed pair is an error naming it. */
export function parseEndpointMap(pairs: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const pair of pairs) {
    const eq = pair.indexOf('=');
    const from = pair.slice(0, eq).trim();
    const to = pair.slice(eq + 1).trim();
    if (eq < 0 || !from || !to) throw new Error(`--map ${pair}: expected before=after (endpoint names)`);
    map[from] = to;
  }
  return map;
}

/** Names in `map` that are not endpoints of the runs: each a message. */
export function unknownMapNames(map: Record<string, string>, before: RunResult, after: RunResult): string[] {
  const problems: string[] = [];
  for (const [from, to] of Object.entries(map)) {
    if (!before.endpoints[from])
      problems.push(`--map ${from}=${to}: the before run has no endpoint ${from} (it has ${names(before)})`);
    if (!after.endpoints[to])
      problems.push(`--map ${from}=${to}: the after run has no endpoint ${to} (it has ${names(after)})`);
  }
  return problems;
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
