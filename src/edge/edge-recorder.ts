/**
 * Edge statistics of a run: every response's headers (never its body) feed counters. observe() is on the
 * load engine's hot path, so header values are parsed once per distinct value (Memo) and counted in Maps.
 */
import type { MeasuredResponse, ResponseSink } from '../load/response-sink.js';
import type { CookieStat, EdgeEndpointStat, EdgeEvidence } from '../result/evidence.js';
import { isCacheableStatus, isPubliclyCacheable, parseCacheControl } from './headers/cache-control.js';
import {
  cacheStatusOf,
  classifyCacheStatus,
  type CacheStatus,
  type CacheStatusHeader,
  type Classify,
} from './headers/cache-status.js';
import { isAffinityCookie, setCookieName } from './headers/cookies.js';
import { normalizeEncoding } from './headers/encoding.js';
import { headerValue, type ResponseHeaders } from './headers/header-values.js';
import { Memo, OTHER, Tally } from './tally.js';
import { hasRequestId, hasServerTiming, hasTraceparent } from './headers/tracing.js';
import { parseVary } from './headers/vary.js';

const MAX_COOKIE_NAMES = 256;
const MAX_VALUES_PER_ENDPOINT = 16;

interface Policy {
  directives: readonly string[];
  cacheable: boolean;
}

interface EndpointTally {
  responses: number;
  hits: number;
  etag: number;
  last_modified: number;
  bytes_total: number;
  bytes_from_cache: number;
  content_encoding: Tally;
  cache_control_values: Tally;
  cache_status: Tally;
}

interface CookieTally {
  affinity: boolean;
  count: number;
  on_cacheable: number;
}

function policyOf(raw: string): Policy {
  const cc = parseCacheControl(raw);
  return { directives: [...new Set(cc.directives)], cacheable: isPubliclyCacheable(cc) };
}

export class EdgeRecorder implements ResponseSink {
  private responses = 0;
  private hits = 0;
  private bytesTotal = 0;
  private bytesFromCache = 0;
  private cacheControlMissing = 0;
  private cacheable = 0;
  private readonly cacheStatus = new Tally();
  private readonly cacheControl = new Tally();
  private readonly contentEncoding = new Tally();
  private readonly vary = new Tally();
  private readonly varyOnCacheable = new Tally();
  private readonly cookies = new Map<string, CookieTally>();
  private readonly tracing = { traceparent: 0, request_id: 0, server_timing: 0, any: 0 };
  private readonly retryAfter = { with: 0, without: 0 };
  private readonly endpoints = new Map<string, EndpointTally>();
  private probe: unknown[] | undefined;

  private readonly policies = new Memo(policyOf);
  private readonly varies = new Memo(parseVary);
  private readonly encodings = new Memo(normalizeEncoding);
  private readonly affinity = new Memo(isAffinityCookie);
  private readonly statusMemos = new Map<CacheStatusHeader, Memo<CacheStatus>>();
  private readonly classify: Classify = (header, value) => {
    let memo = this.statusMemos.get(header);
    if (!memo) this.statusMemos.set(header, (memo = new Memo((v) => classifyCacheStatus(header, v))));
    return memo.get(value);
  };

  add(r: MeasuredResponse): void {
    if (r.headers) this.observe(r.name, r.status, r.headers, r.bytes);
  }

  observe(endpoint: string, statusCode: number, headers: ResponseHeaders, bodyBytes: number): void {
    const ep = this.endpointTally(endpoint);
    this.responses++;
    ep.responses++;
    this.bytesTotal += bodyBytes;
    ep.bytes_total += bodyBytes;

    const cache = cacheStatusOf(headers, this.classify);
    this.cacheStatus.add(cache.status);
    ep.cache_status.add(cache.status);
    if (cache.hit) {
      this.hits++;
      ep.hits++;
      this.bytesFromCache += bodyBytes;
      ep.bytes_from_cache += bodyBytes;
    }

    const cacheable = this.countCacheControl(ep, headerValue(headers, 'cache-control'), statusCode);
    if (cacheable) this.cacheable++;
    const encoding = this.encodings.get(headerValue(headers, 'content-encoding') ?? '');
    this.contentEncoding.add(encoding);
    ep.content_encoding.add(encoding);
    if (headers.etag !== undefined) ep.etag++;
    if (headers['last-modified'] !== undefined) ep.last_modified++;

    const vary = headerValue(headers, 'vary');
    if (vary !== undefined) this.countVary(vary, cacheable);
    const setCookie = headers['set-cookie'];
    if (setCookie !== undefined) this.countSetCookie(setCookie, cacheable);
    this.countTracing(headers);
    if (statusCode === 429 || statusCode === 503) {
      if (headers['retry-after'] !== undefined) this.retryAfter.with++;
      else this.retryAfter.without++;
    }
  }

  /** Folds another recorder's evidence (a worker thread's, a shard's) into this one, exactly. */
  merge(other: EdgeEvidence): void {
    this.responses += other.responses;
    this.hits += other.hits;
    this.bytesTotal += other.bytes_total;
    this.bytesFromCache += other.bytes_from_cache;
    this.cacheControlMissing += other.cache_control_missing ?? 0;
    this.cacheable += other.cacheable_responses ?? 0;
    this.cacheStatus.addRecord(other.cache_status);
    this.cacheControl.addRecord(other.cache_control);
    this.contentEncoding.addRecord(other.content_encoding);
    this.vary.addRecord(other.vary);
    this.varyOnCacheable.addRecord(other.vary_on_cacheable);
    for (const c of other.cookies) this.addCookie(c.name, c.affinity, c.count, c.on_cacheable);
    this.tracing.traceparent += other.tracing.traceparent;
    this.tracing.request_id += other.tracing.request_id;
    this.tracing.server_timing += other.tracing.server_timing;
    this.tracing.any += other.tracing.any ?? 0;
    this.retryAfter.with += other.retry_after.with;
    this.retryAfter.without += other.retry_after.without;
    for (const [name, stat] of Object.entries(other.per_endpoint)) this.mergeEndpoint(name, stat);
    if (other.probe) this.probe = [...(this.probe ?? []), ...other.probe];
  }

  /** Attaches `probe` results so they travel in evidence.edge.probe. */
  attachProbe(results: readonly unknown[]): void {
    this.probe = [...(this.probe ?? []), ...results];
  }

  evidence(): EdgeEvidence {
    const perEndpoint: Record<string, EdgeEndpointStat> = {};
    for (const [name, ep] of this.endpoints) perEndpoint[name] = endpointStat(ep);
    return {
      responses: this.responses,
      hits: this.hits,
      ...(this.responses > 0 ? { offload_ratio: this.hits / this.responses } : {}),
      bytes_total: this.bytesTotal,
      bytes_from_cache: this.bytesFromCache,
      cache_status: this.cacheStatus.toRecord(),
      cache_control: this.cacheControl.toRecord(),
      cache_control_missing: this.cacheControlMissing,
      cacheable_responses: this.cacheable,
      content_encoding: this.contentEncoding.toRecord(),
      cookies: this.cookieStats(),
      vary: this.vary.toRecord(),
      vary_on_cacheable: this.varyOnCacheable.toRecord(),
      tracing: { ...this.tracing },
      retry_after: { ...this.retryAfter },
      per_endpoint: perEndpoint,
      ...(this.probe ? { probe: [...this.probe] } : {}),
    };
  }

  /** Counts the directives; returns whether a shared cache may store this response. */
  private countCacheControl(ep: EndpointTally, raw: string | undefined, statusCode: number): boolean {
    if (raw === undefined) {
      this.cacheControlMissing++;
      return false;
    }
    const policy = this.policies.get(raw);
    for (const d of policy.directives) this.cacheControl.add(d);
    ep.cache_control_values.add(raw);
    return policy.cacheable && isCacheableStatus(statusCode);
  }

  private countVary(raw: string, cacheable: boolean): void {
    for (const field of this.varies.get(raw)) {
      this.vary.add(field);
      if (cacheable) this.varyOnCacheable.add(field);
    }
  }

  private countSetCookie(raw: string | string[], cacheable: boolean): void {
    if (typeof raw === 'string') this.countCookie(raw, cacheable);
    else for (const one of raw) this.countCookie(one, cacheable);
  }

  private countCookie(raw: string, cacheable: boolean): void {
    const name = setCookieName(raw);
    this.addCookie(name, this.affinity.get(name), 1, cacheable ? 1 : 0);
  }

  /** Affinity cookies are always kept by name; others fold into "(other)" past the cap. */
  private addCookie(name: string, affinity: boolean, count: number, onCacheable: number): void {
    let c = this.cookies.get(name);
    if (!c) {
      const key = affinity || this.cookies.size < MAX_COOKIE_NAMES ? name : OTHER;
      c = this.cookies.get(key);
      if (!c) this.cookies.set(key, (c = { affinity, count: 0, on_cacheable: 0 }));
    }
    c.count += count;
    c.on_cacheable += onCacheable;
  }

  private countTracing(headers: ResponseHeaders): void {
    const t = this.tracing;
    const traceparent = hasTraceparent(headers);
    const requestId = hasRequestId(headers);
    const serverTiming = hasServerTiming(headers);
    if (traceparent) t.traceparent++;
    if (requestId) t.request_id++;
    if (serverTiming) t.server_timing++;
    if (traceparent || requestId || serverTiming) t.any++;
  }

  private cookieStats(): CookieStat[] {
    const out: CookieStat[] = [];
    for (const [name, c] of this.cookies)
      out.push({ name, affinity: c.affinity, count: c.count, on_cacheable: c.on_cacheable });
    return out.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  private endpointTally(name: string): EndpointTally {
    let ep = this.endpoints.get(name);
    if (!ep) {
      ep = {
        responses: 0,
        hits: 0,
        etag: 0,
        last_modified: 0,
        bytes_total: 0,
        bytes_from_cache: 0,
        content_encoding: new Tally(MAX_VALUES_PER_ENDPOINT),
        cache_control_values: new Tally(MAX_VALUES_PER_ENDPOINT),
        cache_status: new Tally(MAX_VALUES_PER_ENDPOINT),
      };
      this.endpoints.set(name, ep);
    }
    return ep;
  }

  private mergeEndpoint(name: string, stat: EdgeEndpointStat): void {
    const ep = this.endpointTally(name);
    ep.responses += stat.responses;
    ep.hits += stat.hits;
    ep.etag += stat.etag;
    ep.last_modified += stat.last_modified;
    ep.bytes_total += stat.bytes_total ?? 0;
    ep.bytes_from_cache += stat.bytes_from_cache ?? 0;
    ep.content_encoding.addRecord(stat.content_encoding);
    ep.cache_status.addRecord(stat.cache_status);
    // Evidence written before cache_control_values existed: its one policy stands for all its responses.
    ep.cache_control_values.addRecord(
      stat.cache_control_values ?? (stat.cache_control ? { [stat.cache_control]: stat.responses } : undefined),
    );
  }
}

function endpointStat(ep: EndpointTally): EdgeEndpointStat {
  const cacheControl = ep.cache_control_values.top();
  return {
    responses: ep.responses,
    hits: ep.hits,
    offload_ratio: ep.responses > 0 ? ep.hits / ep.responses : 0,
    ...(cacheControl !== undefined ? { cache_control: cacheControl } : {}),
    cache_control_values: ep.cache_control_values.toRecord(),
    content_encoding: ep.content_encoding.toRecord(),
    cache_status: ep.cache_status.toRecord(),
    etag: ep.etag,
    last_modified: ep.last_modified,
    bytes_total: ep.bytes_total,
    bytes_from_cache: ep.bytes_from_cache,
  };
}

/** Combines evidence from workers or shards into one, as if a single recorder had seen every response. */
export function mergeEdgeEvidence(...parts: EdgeEvidence[]): EdgeEvidence {
  const recorder = new EdgeRecorder();
  for (const p of parts) recorder.merge(p);
  return recorder.evidence();
}
