import { validateConfig } from '../../src/config/load.js';
import type { ConfigInput } from '../../src/config/schema.js';
import { buildEnginePlan } from '../../src/load/plan/plan.js';
import { LoadEngine, type EngineHooks, type LoadOutcome } from '../../src/load/engine.js';

/** Runs the engine on a config given as the user would write it. */
export async function runEngine(input: ConfigInput, hooks: EngineHooks = {}): Promise<LoadOutcome> {
  const engine = new LoadEngine(buildEnginePlan(validateConfig(input)), hooks);
  return engine.run();
}
