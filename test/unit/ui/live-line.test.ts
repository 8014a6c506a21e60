import { describe, expect, it, vi } from 'vitest';
import { formatLiveLine, shouldShowLive, startLiveLine } from '../../../src/ui/live-line.js';
import type { Progress } from '../../../src/load/engine.js';

const progress = (over: Partial<Progress>): Progress => ({
  elapsedS: 0,
  warmupS: 0,
  rps: 0,
  successRps: 0,
  p95: 0,
  errors: 0,
  requests: 0,
  inFlight: 0,
  endpoints: [],
  scheduleLagMs: 0,
  dropped: 0,
  ...over,
});

describe('the live line', () => {
  it('shows the warmup clock only while warming up', () => {
    expect(formatLiveLine(progress({ elapsedS: 1.4, warmupS: 2, inFlight: 3 }), 12)).toBe('warmup 1s/2s  in flight 3');
  });

  it('shows measured time, successful and answered RPS, p95, errors and in flight after warmup', () => {
    const p = { elapsedS: 7.9, warmupS: 2, rps: 98, successRps: 96, p95: 43.21, errors: 2, requests: 400 };
    const line = formatLiveLine(progress({ ...p, inFlight: 5, dropped: 1 }), 12);
    expect(line).toBe('5s/10s  96 ok/s (answered 98 req/s)  p95 43.2ms  errors 2 (0.5%)  in flight 5  dropped 1');
  });

  it('is drawn only on a TTY, outside CI, without --quiet', () => {
    const tty = { isTTY: true } as NodeJS.WriteStream;
    expect(shouldShowLive(tty, false, {})).toBe(true);
    expect(shouldShowLive(tty, true, {})).toBe(false);
    expect(shouldShowLive(tty, false, { CI: 'true' })).toBe(false);
    expect(shouldShowLive({ isTTY: false } as NodeJS.WriteStream, false, {})).toBe(false);
  });

  it('a capacity step draws its label before the line, and clears it when stopped', () => {
    let written = '';
    const write = (s: string): boolean => {
      written += s;
      return true;
    };
    const stream = { write } as unknown as NodeJS.WriteStream;
    vi.useFakeTimers();
    try {
      const stop = startLiveLine(
        stream,
        () => progress({ elapsedS: 3, rps: 80, successRps: 80 }),
        10,
        'step 2 · 80 req/s',
      );
      vi.advanceTimersByTime(1000);
      stop();
    } finally {
      vi.useRealTimers();
    }
    expect(written).toContain('\r\x1b[2Kstep 2 · 80 req/s  3s/10s  80 ok/s (answered 80 req/s)');
    expect(written.endsWith('\r\x1b[2K')).toBe(true);
  });
});
