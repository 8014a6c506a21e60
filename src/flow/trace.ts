/**
 * `run --trace`: one iteration of each flow, one after the other, every step printed (trace-format.ts) — how a
 * user checks a flow before loading it. Nothing is recorded. True when every step of every flow succeeded.
 */
import { HttpClient } from '../load/http-client.js';
import type { EnginePlan } from '../load/engine.js';
import { rememberSecret } from '../util/redact.js';
import { FlowRunner } from './flow-runner.js';
import type { FlowPlan } from './flow-plan.js';
import type { IterationEnd } from './iteration.js';
import { traceEnd, traceHeading, traceStep } from './trace-format.js';

export async function traceFlows(plan: EnginePlan, write: (line: string) => void): Promise<boolean> {
  const flows = plan.flows ?? [];
  const client = new HttpClient({ connections: 1, pipelining: 1, timeoutMs: plan.timeoutMs, insecure: plan.insecure });
  // Values of the rows this trace may use are scrubbed from anything printed (a body echoing a username, say).
  for (const set of plan.data ?? []) for (const row of set.rows.slice(0, flows.length + 1)) row.forEach(rememberSecret);
  let ok = true;
  try {
    for (const [index, flow] of flows.entries()) {
      const end = await traceOne(plan, flow, index, client, write);
      if (end.kind !== 'completed') ok = false;
    }
  } finally {
    await client.close();
  }
  return ok;
}

function traceOne(
  plan: EnginePlan,
  flow: FlowPlan,
  index: number,
  client: HttpClient,
  write: (line: string) => void,
): Promise<IterationEnd> {
  return new Promise((resolve) => {
    let result: IterationEnd = { kind: 'cut', endedAt: 0 };
    const runner = new FlowRunner({
      flows: plan.flows ?? [],
      data: plan.data ?? [],
      seed: plan.seed,
      part: { index: 0, count: 1 },
      transport: client,
      maxInFlight: Number.POSITIVE_INFINITY,
      totalWeight: 1,
      measuredFrom: Number.POSITIVE_INFINITY,
      record: () => undefined,
      dropped: () => undefined,
      stopped: () => false,
      exhausted: (reason) => write(`flow ${flow.name}: not run: ${reason}`),
      observe: (event) => {
        for (const [, value] of event.extracted) rememberSecret(value);
        for (const line of traceStep(event)) write(line);
      },
      ended: (_flow, end) => {
        result = end;
        write(traceEnd(flow, end));
        write('');
      },
    });
    write(traceHeading(flow, 0, 1));
    runner.start(index, null, () => resolve(result), 0);
  });
}
