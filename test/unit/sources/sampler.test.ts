import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError, UnreachableError } from '../../../src/errors.js';
import type { Evidence } from '../../../src/result/evidence.js';
import { SourceSampler } from '../../../src/sources/sampler.js';
import type { FinishContext, Sample, Source, SourceSummary } from '../../../src/sources/source.js';

/** An in-process Source whose behaviour each test scripts; it watches no external system. */
class ScriptedSource implements Source {
  readonly kind = 'scripted';
  samples = 0;
  inFlight = 0;
  maxInFlight = 0;
  closed = false;
  opened = false;
  constructor(
    readonly id: string,
    readonly required: boolean,
    private readonly script: {
      open?: () => Promise<void>;
      start?: () => Promise<void>;
      sample?: (n: number) => Promise<Record<string, number>>;
      finish?: () => Promise<SourceSummary>;
    } = {},
  ) {}
  describe(): string {
    return `scripted ${this.id}`;
  }
  async open(): Promise<void> {
    await this.script.open?.();
    this.opened = true;
  }
  async start(): Promise<void> {
    await this.script.start?.();
  }
  async sample(): Promise<Sample> {
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      const n = ++this.samples;
      return { values: (await this.script.sample?.(n)) ?? { n } };
    } finally {
      this.inFlight -= 1;
    }
  }
  async finish(_ctx: FinishContext): Promise<SourceSummary> {
    return (await this.script.finish?.()) ?? { deltas: { samples: this.samples }, evidence: {} };
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

/** A queue source: depth climbs while `loading`, then falls by `drainPerSample` each sample. */
class ScriptedQueue extends ScriptedSource {
  depth = 0;
  loading = true;
  constructor(id: string, drainPerSample: number) {
    super(id, true, {
      sample: async () => {
        this.depth = this.loading ? this.depth + 5 : Math.max(0, this.depth - drainPerSample);
        return { depth: this.depth };
      },
      finish: async () => ({ deltas: {}, evidence: { queues: { names: [id], depth_max: 99 } } }),
    });
  }
  drained(): boolean {
    return this.samples > 0 && this.depth === 0;
  }
}

// Time is faked (timers, Date and the global performance the sampler reads): what is tested is how the sampler
// schedules, overlaps and times out samples, which a busy machine must not change.
const FAKED = ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'] as const;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
/** Lets `ms` of fake time pass, running every timer and sample due in it. */
const elapse = (ms: number): Promise<unknown> => vi.advanceTimersByTimeAsync(ms);
/** Awaits `work` while fake time passes in 10 ms steps (for calls that wait on a timer themselves). */
async function whileTimePasses<T>(work: Promise<T>): Promise<T> {
  let settled = false;
  work.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let i = 0; i < 1000 && !settled; i++) await elapse(10);
  return work;
}

const CTX = { requests: 100, load_end_t: 1 };
let sampler: SourceSampler | undefined;
const clockFrom =
  (t0 = performance.now()) =>
  () =>
    (performance.now() - t0) / 1000;

beforeEach(() => {
  vi.useFakeTimers({ toFake: [...FAKED] });
});

afterEach(async () => {
  await sampler?.close();
  sampler = undefined;
  vi.useRealTimers();
});

describe('SourceSampler', () => {
  it('samples every source on the interval, concurrently, with t from the clock', async () => {
    const slowA = new ScriptedSource('a', true, {
      sample: async (n) => {
        await sleep(50);
        return { n };
      },
    });
    const slowB = new ScriptedSource('b', true, {
      sample: async (n) => {
        await sleep(50);
        return { n };
      },
    });
    sampler = new SourceSampler([slowA, slowB], { intervalMs: 80, clock: clockFrom() });
    await sampler.openAll();
    await sampler.start();
    await elapse(600);
    const { sources } = await whileTimePasses(sampler.finish(CTX));
    // One after the other, the two 50 ms samples would not fit an 80 ms tick; side by side they do.
    for (const id of ['a', 'b']) {
      const r = sources[id]!;
      expect(r.gaps).toEqual([]);
      expect(r.deltas.sampling).toMatchObject({ samples: 7, skipped_ticks: 0, failures: 0 });
      expect(r.series.map((p) => p.t)).toEqual([0.08, 0.16, 0.24, 0.32, 0.4, 0.48, 0.56]);
    }
    expect(sources.a!.deltas.samples).toBe(sources.a!.series.length);
  });

  it('never overlaps a slow sample with the next one of the same source', async () => {
    const slow = new ScriptedSource('slow', true, {
      sample: async (n) => {
        await sleep(120);
        return { n };
      },
    });
    sampler = new SourceSampler([slow], { intervalMs: 40, clock: clockFrom() });
    await sampler.openAll();
    await sampler.start();
    await elapse(600);
    const { sources } = await whileTimePasses(sampler.finish(CTX));
    expect(slow.maxInFlight).toBe(1);
    // 15 ticks in 600 ms; each sample holds the source for 3 intervals, so 4 run and 11 ticks are skipped.
    expect(sources.slow!.deltas.sampling).toMatchObject({ samples: 4, skipped_ticks: 11 });
    expect(sources.slow!.overhead_ratio).toBe(3);
  });

  it('records the sampling time as a share of the interval', async () => {
    const source = new ScriptedSource('s', true, {
      sample: async (n) => {
        await sleep(20);
        return { n };
      },
    });
    sampler = new SourceSampler([source], { intervalMs: 100, clock: clockFrom() });
    await sampler.openAll();
    await sampler.start();
    await elapse(550);
    const { sources } = await whileTimePasses(sampler.finish(CTX));
    expect(sources.s!.overhead_ratio).toBe(0.2);
  });

  it('turns failed samples into redacted gaps and keeps sampling, so a source recovers', async () => {
    const flaky = new ScriptedSource('flaky', true, {
      sample: async (n) => {
        if (n >= 3 && n <= 5) throw new Error('connect ECONNREFUSED redis://:hunter2secret@10.0.0.1:6379');
        return { n };
      },
    });
    sampler = new SourceSampler([flaky], { intervalMs: 30, clock: clockFrom() });
    await sampler.openAll();
    await sampler.start();
    await elapse(330);
    const { sources } = await whileTimePasses(sampler.finish(CTX));
    const r = sources.flaky!;
    expect(r.gaps).toHaveLength(3);
    expect(r.gaps[0]!.reason).toContain('ECONNREFUSED');
    expect(JSON.stringify(r)).not.toContain('hunter2secret');
    const lastGapT = r.gaps.at(-1)!.t;
    expect(r.series.filter((p) => p.t > lastGapT).length).toBeGreaterThan(0);
    expect(r.series.map((p) => p.values.n)).toEqual(expect.arrayContaining([1, 2, 6]));
  });

  it('counts a sample that hangs past the timeout as a gap without starting another over it', async () => {
    let calls = 0;
    const hang = new ScriptedSource('hang', true, {
      sample: async (n) => {
        calls += 1;
        if (n === 1) await sleep(300);
        return { n };
      },
    });
    sampler = new SourceSampler([hang], { intervalMs: 30, clock: clockFrom(), timeoutMs: 100 });
    await sampler.openAll();
    await sampler.start();
    await elapse(250);
    expect(calls).toBe(1);
    await elapse(250);
    const { sources } = await whileTimePasses(sampler.finish(CTX));
    expect(sources.hang!.gaps[0]!.reason).toMatch(/timed out after 100 ms/);
    expect(hang.maxInFlight).toBe(1);
    expect(sources.hang!.series.some((p) => p.values.n! >= 2)).toBe(true);
  });

  it('fails openAll with exit 3 naming a required source, its reason and no password, and closes all', async () => {
    const good = new ScriptedSource('good', true);
    const bad = new ScriptedSource('redis', true, {
      open: async () => {
        throw new Error('authentication failed: WRONGPASS for redis://:s3cr3t-pw@127.0.0.1:6390/0');
      },
    });
    sampler = new SourceSampler([good, bad], { intervalMs: 50, clock: clockFrom() });
    const error = await sampler.openAll().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UnreachableError);
    expect((error as UnreachableError).exitCode).toBe(3);
    expect((error as Error).message).toMatch(/redis .*authentication failed/);
    expect((error as Error).message).not.toContain('s3cr3t-pw');
    expect(good.closed && bad.closed).toBe(true);
  });

  it('keeps an optional source that cannot open as a gap and never samples it', async () => {
    const optional = new ScriptedSource('opt', false, {
      open: async () => {
        throw new Error('connect ECONNREFUSED 127.0.0.1:1');
      },
    });
    const good = new ScriptedSource('good', true);
    sampler = new SourceSampler([optional, good], { intervalMs: 30, clock: clockFrom() });
    await sampler.openAll();
    await sampler.start();
    await elapse(120);
    const { sources } = await whileTimePasses(sampler.finish(CTX));
    expect(optional.samples).toBe(0);
    expect(sources.opt!.gaps[0]!.reason).toMatch(/^open failed: .*ECONNREFUSED/);
    expect(sources.opt!.series).toEqual([]);
    expect(sources.good!.series.length).toBeGreaterThan(1);
  });

  it('records a failed baseline or finish as a gap and still merges the others’ evidence', async () => {
    const broken = new ScriptedSource('broken', true, {
      start: async () => {
        throw new Error('baseline read refused');
      },
      finish: async () => {
        throw new Error('final read refused');
      },
    });
    const cache = new ScriptedSource('cache', true, {
      finish: async () => ({ deltas: { x: 1 }, evidence: { cache: { hit_ratio: 0.7 } } satisfies Evidence }),
    });
    sampler = new SourceSampler([broken, cache], { intervalMs: 30, clock: clockFrom() });
    await sampler.openAll();
    await sampler.start();
    await elapse(100);
    const { sources, evidence } = await whileTimePasses(sampler.finish(CTX));
    expect(sources.broken!.gaps.map((g) => g.reason)).toEqual([
      'baseline failed: baseline read refused',
      'finish failed: final read refused',
    ]);
    expect(sources.broken!.series.length).toBeGreaterThan(0);
    expect(evidence).toEqual({ cache: { hit_ratio: 0.7 } });
    expect(sources.cache!.deltas.x).toBe(1);
  });

  it('waits for queue sources to drain after the load, from samples taken after the call', async () => {
    const queue = new ScriptedQueue('q', 10);
    const other = new ScriptedSource('other', true);
    sampler = new SourceSampler([queue, other], { intervalMs: 25, clock: clockFrom() });
    await sampler.openAll();
    await sampler.start();
    await elapse(150);
    queue.loading = false;
    const depthAtLoadEnd = queue.depth;
    expect(depthAtLoadEnd).toBeGreaterThan(10);
    const drained = await whileTimePasses(sampler.waitForDrain(5000));
    expect(drained).toBe(true);
    expect(queue.depth).toBe(0);
    // Each sample drains 10, so the number of samples after the call is the depth / 10, rounded up.
    const { sources, evidence } = await whileTimePasses(sampler.finish(CTX));
    const afterLoad = sources.q!.series.filter((p) => p.values.depth! < depthAtLoadEnd);
    expect(afterLoad.length).toBeGreaterThanOrEqual(Math.ceil(depthAtLoadEnd / 10));
    expect(evidence.queues?.depth_max).toBe(99);
  });

  it('gives up waiting for drain at the timeout', async () => {
    const queue = new ScriptedQueue('q', 0);
    sampler = new SourceSampler([queue], { intervalMs: 25, clock: clockFrom() });
    await sampler.openAll();
    await sampler.start();
    await elapse(60);
    queue.loading = false;
    const began = performance.now();
    expect(await whileTimePasses(sampler.waitForDrain(300))).toBe(false);
    const waited = performance.now() - began;
    expect(waited).toBe(300);
  });

  it('rejects two sources with the same id', () => {
    expect(
      () =>
        new SourceSampler([new ScriptedSource('redis', true), new ScriptedSource('redis', true)], {
          intervalMs: 100,
          clock: () => 0,
        }),
    ).toThrow(ConfigError);
  });
});
