import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:net';
import * as hdr from 'hdr-histogram-js';
import { runEngine } from '../../support/run-engine.js';

// A loopback HTTP/1.1 server that counts the connections it accepted before the first request reached it.
let server: Server;
let accepted = 0;
let acceptedBeforeFirstRequest = -1;
let url = '';
beforeAll(async () => {
  server = createServer((socket) => {
    accepted += 1;
    socket.on('data', () => {
      if (acceptedBeforeFirstRequest < 0) acceptedBeforeFirstRequest = accepted;
      socket.write('HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\nok');
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('nothing the load needs starts after its first intended instant', () => {
  it('the pool’s sockets are connected before the schedule starts, not on the first due requests', async () => {
    accepted = 0;
    acceptedBeforeFirstRequest = -1;
    // One socket would serve 20 req/s of a fast server: opened lazily, only one would ever connect.
    // The first request goes out on the oldest socket, which may reach the server before it has accepted the last
    // of the six: what is asserted is that all six were opened, though one would have carried the whole load.
    await runEngine({ target: url, load: { rate: 20, duration: '300ms', pool: 6 } });
    expect(acceptedBeforeFirstRequest).toBeGreaterThanOrEqual(1);
    expect(accepted).toBe(6);
  });

  it('the summary of a closed second has run before the schedule starts (its first use is slow: V8 cold)', async () => {
    const proto = hdr.JsHistogram.prototype;
    const original = proto.getValueAtPercentile;
    const calls: number[] = [];
    proto.getValueAtPercentile = function (this: hdr.JsHistogram, p: number): number {
      calls.push(performance.now());
      return original.call(this, p);
    };
    let startedAt = Number.POSITIVE_INFINITY;
    try {
      await runEngine(
        { target: url, load: { rate: 20, duration: '300ms' } },
        {
          onStart: () => (startedAt = performance.now()),
        },
      );
    } finally {
      proto.getValueAtPercentile = original;
    }
    expect(calls.filter((at) => at < startedAt).length).toBeGreaterThanOrEqual(32);
  });
});
