import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTargetServer, type TargetServer } from '../../support/target-server.js';
import { runEngine } from '../../support/run-engine.js';

let target: TargetServer;
beforeAll(async () => {
  target = await startTargetServer();
});
afterAll(async () => {
  await target.close();
});

describe('a hostile target', () => {
  it(
    'garbage, an endless body, 1 MB headers and slow-loris: every request ends by its deadline, memory stays ' +
      'bounded',
    async () => {
      const before = process.memoryUsage().rss;
      const outcome = await runEngine({
        target: target.url,
        endpoints: [
          { name: 'garbage', path: '/garbage' },
          { name: 'endless', path: '/endless' },
          { name: 'big-headers', path: '/big-headers' },
          { name: 'slowloris', path: '/slowloris' },
        ],
        load: { rate: 20, duration: '3s', timeout: '500ms' },
      });
      const grownMb = (process.memoryUsage().rss - before) / 2 ** 20;
      const by = Object.fromEntries(
        outcome.endpoints.map((e, i) => [['garbage', 'endless', 'big-headers', 'slowloris'][i]!, e.summary]),
      );
      for (const [name, s] of Object.entries(by)) {
        expect(s.requests, name).toBeGreaterThan(5);
        expect(s.errors, name).toBe(s.requests);
        expect(s.latency_ms.max, name).toBeLessThan(500 + 400);
      }
      expect(by.endless!.errors_by_class.timeout).toBe(by.endless!.requests);
      expect(by.slowloris!.errors_by_class.timeout).toBe(by.slowloris!.requests);
      expect(by['big-headers']!.errors_by_class.other + by['big-headers']!.errors_by_class.reset).toBe(
        by['big-headers']!.requests,
      );
      expect(by.garbage!.errors_by_class.timeout).toBe(0);
      expect(grownMb).toBeLessThan(150);
    },
  );
});
