/**
 * The load path's HTTP/1.1 client: a pool of keep-alive connections per origin (open model) that opens another
 * connection when every open one is busy, up to its bound, or one connection per virtual user (lanes); a queue
 * only beyond the bound, and one deadline sweep for every request in flight — the same behaviour as the undici
 * client, without its generality on the hot path.
 */
import {
  RequestTimeoutError,
  type Done,
  type Outcome,
  type Transport,
  type TransportOptions,
  type WireRequest,
} from '../transport.js';
import { Connection, Exchange, failure, socketTarget, type ConnectionOwner, type SocketTarget } from './connection.js';
import { requestBytes } from './serialize.js';

/** Plain-TCP reads land here, one buffer for every connection (responses are framed before the next read). */
const READ_BUFFER_BYTES = 64 * 1024;

export class Http1Client implements Transport {
  private readonly pools = new Map<string, Pool>();
  /** Per origin, the virtual users' lanes by number. */
  private readonly lanes = new Map<string, Lane[]>();
  private readonly inFlight = new Set<Exchange>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly readBuffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);

  constructor(private readonly opts: TransportOptions) {
    // One sweep instead of one timer per request: aborts whatever has passed its deadline (slow bodies too).
    const every = Math.max(20, Math.min(250, opts.timeoutMs / 10));
    this.sweeper = setInterval(() => this.expire(performance.now()), every);
    this.sweeper.unref();
  }

  get pending(): number {
    return this.inFlight.size;
  }

  send(request: WireRequest, done: Done, lane?: number): void {
    const now = performance.now();
    let bytes: Buffer;
    try {
      bytes = requestBytes(request);
    } catch (err) {
      done(failure(err as Error, now));
      return;
    }
    const x = new Exchange(request, bytes, done, now + this.opts.timeoutMs, now);
    this.inFlight.add(x);
    if (lane === undefined) this.pool(request.origin).dispatch(x);
    else this.lane(request.origin, lane).dispatch(x);
  }

  async prewarm(origins: readonly string[]): Promise<void> {
    const opening = [...new Set(origins)].flatMap((o) => this.pool(o).prewarm(this.opts.connections));
    await Promise.all(opening);
  }

  abortAll(reason: Error): void {
    for (const x of [...this.inFlight]) this.abort(x, reason);
  }

  async close(): Promise<void> {
    clearInterval(this.sweeper);
    this.abortAll(new Error('client closed'));
    for (const group of [...this.pools.values(), ...[...this.lanes.values()].flat()]) group.destroy();
    this.pools.clear();
    this.lanes.clear();
  }

  /** Called by connections and groups: every outcome passes here exactly once. */
  finish(x: Exchange, outcome: Outcome): void {
    if (x.finished) return;
    x.finished = true;
    this.inFlight.delete(x);
    x.done(outcome);
  }

  private expire(now: number): void {
    for (const x of this.inFlight) if (x.deadline <= now) this.abort(x, new RequestTimeoutError(this.opts.timeoutMs));
  }

  private abort(x: Exchange, reason: Error): void {
    if (x.conn && !x.conn.dead) x.conn.abort(x, reason);
    else this.finish(x, failure(reason, x.startedAt));
  }

  private target(origin: string): SocketTarget {
    return socketTarget(origin, { insecure: this.opts.insecure, ca: this.opts.ca });
  }

  private pool(origin: string): Pool {
    let pool = this.pools.get(origin);
    if (!pool) {
      const size = Math.max(this.opts.connections, this.opts.maxConnections ?? 0);
      pool = new Pool(this, this.target(origin), size, this.opts.pipelining, this.readBuffer);
      this.pools.set(origin, pool);
    }
    return pool;
  }

  private lane(origin: string, lane: number): Lane {
    let lanes = this.lanes.get(origin);
    if (!lanes) this.lanes.set(origin, (lanes = []));
    let group = lanes[lane];
    if (!group) {
      group = new Lane(this, this.target(origin), this.readBuffer);
      lanes[lane] = group;
    }
    return group;
  }
}

type Finisher = Pick<ConnectionOwner, 'finish'>;

/** A request waiting this long for a connection gets a new one (a fast target frees a busy one sooner). */
const GROW_AFTER_MS = 2;
/** New connections per check at most: a slow target's pool grows by this every GROW_AFTER_MS. */
const GROW_PER_CHECK = 64;

/** Up to `size` connections to one origin, opened when needed; requests wait in order only when all are busy. */
class Pool implements ConnectionOwner {
  private readonly conns = new Set<Connection>();
  /** Connections that can take another request, most recently used last. */
  private readonly free: Connection[] = [];
  private readonly queue: Exchange[] = [];
  private queueHead = 0;
  /** Connections opened for waiting requests that have not connected yet. */
  private connecting = 0;
  private growTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: Finisher,
    private readonly target: SocketTarget,
    private readonly size: number,
    private readonly pipelining: number,
    private readonly readBuffer: Buffer,
  ) {}

  /**
   * On a free connection at once; else it waits, and when requests are still waiting GROW_AFTER_MS later, new
   * connections open for them (at most GROW_PER_CHECK per check): whichever frees first — a busy one or a new one —
   * takes the oldest waiting request. A fast target's pool is busy only for a moment and is not grown; a slow one
   * gets a connection per request it holds. Opening one per due request at once made a momentarily busy pool open
   * thousands (40,000 req/s on loopback fell to 13,000, the CPU in connect).
   */
  dispatch(x: Exchange): void {
    const conn = this.takeFree(x.startedAt);
    if (conn) {
      this.assign(conn, x, x.startedAt);
      return;
    }
    this.queue.push(x);
    this.scheduleGrowth();
  }

  private scheduleGrowth(): void {
    if (this.growTimer || this.conns.size >= this.size) return;
    this.growTimer = setTimeout(() => {
      this.growTimer = undefined;
      const waiting = this.queue.length - this.queueHead;
      for (let n = 0; n < GROW_PER_CHECK && this.conns.size < this.size && this.connecting < waiting; n++) this.grow();
      if (waiting > 0) this.scheduleGrowth();
    }, GROW_AFTER_MS);
    this.growTimer.unref();
  }

  private grow(): void {
    const conn = this.open();
    this.connecting += 1;
    void conn.connected().then(() => {
      this.connecting -= 1;
      this.released(conn);
    });
  }

  finish(x: Exchange, outcome: Outcome): void {
    this.client.finish(x, outcome);
  }

  released(conn: Connection): void {
    while (conn.usable && conn.inFlight.length < this.pipelining) {
      const next = this.dequeue();
      if (!next) break;
      conn.write(next);
    }
    if (conn.usable && conn.inFlight.length < this.pipelining && !conn.listed) {
      conn.listed = true;
      this.free.push(conn);
    }
  }

  closed(conn: Connection): void {
    this.conns.delete(conn);
    // Requests still waiting get fresh connections (a refused one fails each of them in turn, fast).
    while (this.conns.size < this.size) {
      const next = this.dequeue();
      if (!next) break;
      this.assign(this.open(), next);
    }
  }

  destroy(): void {
    clearTimeout(this.growTimer);
    for (const conn of [...this.conns]) conn.destroy(new Error('client closed'));
  }

  /**
   * Opens up to `count` idle connections; each promise settles when its socket connected or failed. They are
   * used oldest first: a sync-worker server (gunicorn sync, uwsgi) accepts them in that order and each worker
   * then waits on its accepted socket, so a request sent on a younger one would wait behind the idle ones.
   */
  prewarm(count: number): Promise<void>[] {
    const opening: Promise<void>[] = [];
    while (this.conns.size < Math.min(count, this.size)) {
      const conn = this.open();
      conn.listed = true;
      this.free.unshift(conn);
      opening.push(conn.connected());
    }
    return opening;
  }

  private assign(conn: Connection, x: Exchange, now?: number): void {
    conn.write(x, now);
    if (conn.inFlight.length < this.pipelining && !conn.listed && conn.usable) {
      conn.listed = true;
      this.free.push(conn);
    }
  }

  private open(): Connection {
    const conn = new Connection(this.target, this, this.readBuffer);
    this.conns.add(conn);
    return conn;
  }

  private takeFree(now: number): Connection | undefined {
    while (this.free.length) {
      const conn = this.free.pop()!;
      conn.listed = false;
      if (!conn.usable) continue;
      if (conn.expired(now)) {
        conn.destroy(new Error('idle connection retired'));
        continue;
      }
      return conn;
    }
    return undefined;
  }

  /** The oldest waiting request that has not timed out meanwhile. */
  private dequeue(): Exchange | undefined {
    while (this.queueHead < this.queue.length) {
      const x = this.queue[this.queueHead++]!;
      if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
        this.queue.splice(0, this.queueHead);
        this.queueHead = 0;
      }
      if (!x.finished) return x;
    }
    this.queue.length = 0;
    this.queueHead = 0;
    return undefined;
  }
}

/** A virtual user's own connection (closed model), replaced when it closes, like a browser tab's. */
class Lane implements ConnectionOwner {
  private conn: Connection | undefined;

  constructor(
    private readonly client: Finisher,
    private readonly target: SocketTarget,
    private readonly readBuffer: Buffer,
  ) {}

  dispatch(x: Exchange): void {
    // The exchange was made a moment ago: its clock value serves for the idle check and the write.
    if (this.conn?.expired(x.startedAt)) this.conn.destroy(new Error('idle connection retired'));
    if (!this.conn?.usable) this.conn = new Connection(this.target, this, this.readBuffer);
    this.conn.write(x, x.startedAt);
  }

  finish(x: Exchange, outcome: Outcome): void {
    this.client.finish(x, outcome);
  }

  released(): void {}

  closed(conn: Connection): void {
    if (this.conn === conn) this.conn = undefined;
  }

  destroy(): void {
    this.conn?.destroy(new Error('client closed'));
  }
}
