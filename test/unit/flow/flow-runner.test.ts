import { describe, expect, it } from 'vitest';
import { FlowRunner } from '../../../src/flow/flow-runner.js';
import { prepareFlows } from '../../../src/flow/flow-plan.js';
import { validateConfig } from '../../../src/config/load.js';
import { LaneSlots } from '../../../src/load/lane-slots.js';
import type { Done, Transport, WireRequest } from '../../../src/load/transport.js';

/** The engine's Transport contract, answered by hand: which lane each request was sent on. */
class HeldTransport implements Transport {
  readonly sent: { path: string; lane: number | undefined; done: Done }[] = [];
  get pending(): number {
    return this.sent.length;
  }
  send(request: WireRequest, done: Done, lane?: number): void {
    this.sent.push({ path: request.path, lane, done });
  }
  answer(index: number): void {
    const [x] = this.sent.splice(index, 1);
    x!.done({ status: 200, headers: {}, bytes: 0, error: null, startedAt: performance.now() });
  }
  abortAll(): void {}
  async close(): Promise<void> {}
}

function runner(transport: HeldTransport, lanes: LaneSlots, maxInFlight = 100) {
  const config = validateConfig({
    target: 'http://127.0.0.1:1',
    flows: [
      {
        name: 'f',
        steps: [
          { name: 'a', path: '/a' },
          { name: 'b', path: '/b' },
        ],
      },
    ],
  });
  const dropped: number[] = [];
  const flows = new FlowRunner({
    ...prepareFlows(config, 0),
    seed: 1,
    part: { index: 0, count: 1 },
    transport,
    maxInFlight,
    lanes,
    totalWeight: 1,
    measuredFrom: 0,
    record: () => {},
    dropped: (_step, at) => dropped.push(at),
    stopped: () => false,
    exhausted: () => {},
  });
  return { flows, dropped };
}

describe('FlowRunner in the open model', () => {
  it('each iteration runs every step on the lane it took when due, and gives it back at its end', () => {
    const transport = new HeldTransport();
    const lanes = new LaneSlots(10);
    const { flows } = runner(transport, lanes);
    const now = performance.now();
    expect(flows.start(0, now, undefined, undefined)).toBe(true);
    expect(flows.start(0, now, undefined, undefined)).toBe(true);
    expect(transport.sent.map((s) => [s.path, s.lane])).toEqual([
      ['/a', 0],
      ['/a', 1],
    ]);
    transport.answer(1);
    expect(transport.sent.map((s) => [s.path, s.lane])).toEqual([
      ['/a', 0],
      ['/b', 1],
    ]);
    transport.answer(1);
    expect(lanes.inUse).toBe(1);
    expect(flows.start(0, now, undefined, undefined)).toBe(true);
    expect(transport.sent.at(-1)).toMatchObject({ path: '/a', lane: 1 });
  });

  it('beyond the bound an iteration is dropped and counted, and takes no lane', () => {
    const transport = new HeldTransport();
    const lanes = new LaneSlots(2);
    const { flows, dropped } = runner(transport, lanes, 2);
    const now = performance.now();
    flows.start(0, now, undefined, undefined);
    flows.start(0, now + 1, undefined, undefined);
    expect(flows.start(0, now + 2, undefined, undefined)).toBe(false);
    expect(dropped).toEqual([now + 2]);
    expect(lanes.inUse).toBe(2);
    expect(flows.outcome().flows[0]!.dropped).toBe(1);
  });
});
