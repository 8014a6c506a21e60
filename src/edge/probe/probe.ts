/**
 * `probe`: a few plain requests per URL, without load, to read the edge's policy: protocol (ALPN, Alt-Svc),
 * Cache-Control, validators and a conditional re-request, compression offered vs identity, cookies and Vary
 * on cacheable responses, HSTS, and a repeated request to see the cache fill. Every URL gets its own deadline
 * and byte cap; a failure is reported in its `error`, never thrown.
 */
import { Agent } from 'undici';
import { redactText, redactUrl } from '../../util/redact.js';
import { VERSION } from '../../version.js';
import { negotiateAlpn } from './alpn.js';
import { fetchBounded, type BoundedRequest, type BoundedResponse } from './bounded-fetch.js';
import { parseCacheControl } from '../headers/cache-control.js';
import { ageSeconds, cacheStatusOf, CACHE_STATUS_HEADERS } from '../headers/cache-status.js';
import { parseSetCookie } from '../headers/cookies.js';
import { isCompressibleType, normalizeEncoding } from '../headers/encoding.js';
import { headerValue, headerValues, type ResponseHeaders } from '../headers/header-values.js';
import { describeProbeError, ProbeTimeout, type ProbeStep } from './probe-errors.js';
import { judgeProbe } from './probe-judge.js';
import { emptyProbeResult, OFFERED_ENCODINGS, type ProbeResult } from './probe-result.js';
import { tracingKinds } from '../headers/tracing.js';
import { parseVary } from '../headers/vary.js';

export interface ProbeOptions {
  /** Sent with every request (Authorization, Host overrides, …); the probe's own Accept-Encoding wins. */
  headers?: Record<string, string>;
  /** Accept any TLS certificate. */
  insecure?: boolean;
  /** PEM certificate(s) to trust besides the system's. */
  ca?: string | Buffer;
  /** Deadline for everything done for one URL. Default 10 s. */
  timeoutMs?: number;
  /** Body bytes read per request at most. Default 1 MiB. */
  maxBodyBytes?: number;
  /** URLs probed at once. Default 4. */
  concurrency?: number;
}

export const PROBE_DEFAULTS = {
  timeoutMs: 10_000,
  maxBodyBytes: 1024 * 1024,
  concurrency: 4,
  maxHeaderBytes: 64 * 1024,
} as const;

/** Age only grows in whole seconds: wait this long before the repeat when Age is the only cache signal. */
const AGE_TICK_MS = 1100;
const PROBE_HEADERS = new Set(['accept-encoding', 'if-none-match', 'if-modified-since']);

interface ProbeContext {
  agent: Agent;
  opts: ProbeOptions;
  timeoutMs: number;
  maxBodyBytes: number;
  headers: Record<string, string>;
}

export async function probeUrls(urls: readonly string[], opts: ProbeOptions = {}): Promise<ProbeResult[]> {
  const timeoutMs = opts.timeoutMs ?? PROBE_DEFAULTS.timeoutMs;
  const concurrency = Math.max(1, opts.concurrency ?? PROBE_DEFAULTS.concurrency);
  const agent = new Agent({
    allowH2: true,
    // Room for every URL in flight on one origin, so a hung response never makes the others queue.
    connections: concurrency * 2,
    headersTimeout: timeoutMs + 1000,
    bodyTimeout: timeoutMs + 1000,
    maxHeaderSize: PROBE_DEFAULTS.maxHeaderBytes,
    connect: { rejectUnauthorized: !opts.insecure, timeout: timeoutMs, ...(opts.ca ? { ca: opts.ca } : {}) },
  });
  const ctx: ProbeContext = {
    agent,
    opts,
    timeoutMs,
    maxBodyBytes: opts.maxBodyBytes ?? PROBE_DEFAULTS.maxBodyBytes,
    headers: baseHeaders(opts.headers ?? {}),
  };
  try {
    return await mapLimit(urls, concurrency, (url) => probeUrl(url, ctx));
  } finally {
    await agent.destroy().catch(() => undefined);
  }
}

async function probeUrl(raw: string, ctx: ProbeContext): Promise<ProbeResult> {
  const result = emptyProbeResult(redactUrl(raw));
  const url = parseHttpUrl(raw);
  if (typeof url === 'string') {
    result.error = url;
    return result;
  }
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new ProbeTimeout(ctx.timeoutMs)), ctx.timeoutMs);
  const step: ProbeStep = { name: 'TLS handshake', stage: 'connecting' };
  try {
    await runProbe(url, result, ctx, controller.signal, step);
  } catch (err) {
    result.error = redactText(describeProbeError(err, step));
  } finally {
    clearTimeout(timer);
    // Whatever is still open for this URL (a body that never ends) goes with it.
    controller.abort(new ProbeTimeout(ctx.timeoutMs));
  }
  result.findings = judgeProbe(result);
  return result;
}

async function runProbe(
  url: URL,
  result: ProbeResult,
  ctx: ProbeContext,
  signal: AbortSignal,
  step: ProbeStep,
): Promise<void> {
  const deadline = Date.now() + ctx.timeoutMs;
  const https = url.protocol === 'https:';
  if (https)
    result.protocol = await negotiateAlpn(
      url,
      { rejectUnauthorized: !ctx.opts.insecure, ...(ctx.opts.ca ? { ca: ctx.opts.ca } : {}) },
      signal,
    );
  const get = (
    name: string,
    extra: Record<string, string>,
    onHeaders?: BoundedRequest['onHeaders'],
  ): Promise<BoundedResponse> => {
    step.name = name;
    const headers = { ...ctx.headers, ...extra };
    return fetchBounded(url, {
      dispatcher: ctx.agent,
      headers,
      signal,
      maxBodyBytes: ctx.maxBodyBytes,
      step,
      ...(onHeaders ? { onHeaders } : {}),
    });
  };
  const offered = { 'accept-encoding': OFFERED_ENCODINGS };

  const first = await get('request', offered, (status, headers) => readFirstResponse(result, status, headers, https));
  result.compression.bytes = first.bytes;
  result.compression.truncated = first.truncated;

  if (waitsForAge(first.headers) && deadline - Date.now() > AGE_TICK_MS * 2) await sleep(AGE_TICK_MS, signal);
  const repeat = await get('repeat request', offered);
  readRepeat(result, repeat);

  const success = first.status >= 200 && first.status < 300;
  const { etag, last_modified } = result.validators;
  if (success && (etag !== null || last_modified !== null)) {
    const conditional = await get('conditional request', {
      ...offered,
      ...(etag !== null ? { 'if-none-match': etag } : { 'if-modified-since': last_modified! }),
    });
    result.validators.conditional_status = conditional.status;
    result.validators.revalidates = conditional.status === 304;
  }
  if (success && (isCompressibleType(result.content_type) || result.compression.used !== null)) {
    const identity = await get('identity request', { 'accept-encoding': 'identity' });
    // A server that compresses even when asked not to gives no uncompressed size to compare with.
    const stillEncoded = normalizeEncoding(headerValue(identity.headers, 'content-encoding')) !== 'identity';
    result.compression.identity_bytes = stillEncoded ? null : identity.bytes;
    result.compression.truncated ||= identity.truncated;
  }
}

function readFirstResponse(result: ProbeResult, status: number, h: ResponseHeaders, https: boolean): void {
  result.status = status;
  result.protocol ??= 'http/1.1';
  result.content_type = headerValue(h, 'content-type') ?? null;
  result.alt_svc_h3 = /(^|[\s,])h3(-\d+)?=/i.test(headerValue(h, 'alt-svc') ?? '');
  result.cache_control = readCacheControl(headerValue(h, 'cache-control'));
  result.validators.etag = headerValue(h, 'etag') ?? null;
  result.validators.last_modified = headerValue(h, 'last-modified') ?? null;
  result.vary = parseVary(headerValue(h, 'vary') ?? '');
  const encoding = normalizeEncoding(headerValue(h, 'content-encoding'));
  result.compression.used = encoding === 'identity' ? null : encoding;
  result.compression.vary_accept_encoding = result.vary.includes('accept-encoding');
  result.cache.status = cacheStatusOf(h).status;
  result.cache.age = ageSeconds(h);
  result.cookies = headerValues(h, 'set-cookie').map((raw) => {
    const c = parseSetCookie(raw);
    return { name: c.name, affinity: c.affinity };
  });
  result.hsts = https ? (headerValue(h, 'strict-transport-security') ?? null) : null;
  result.tracing = tracingKinds(h);
}

function readRepeat(result: ProbeResult, res: BoundedResponse): void {
  const status = cacheStatusOf(res.headers);
  const age = ageSeconds(res.headers);
  result.cache.repeat_status = status.status;
  result.cache.repeat_age = age;
  const firstAge = result.cache.age;
  result.cache.hit_on_repeat = status.hit || (firstAge !== null && age !== null && age > firstAge);
}

function readCacheControl(raw: string | undefined): ProbeResult['cache_control'] {
  const empty = emptyProbeResult('').cache_control;
  if (raw === undefined) return empty;
  const cc = parseCacheControl(raw);
  return {
    raw,
    public: cc.public,
    max_age: cc.max_age,
    s_maxage: cc.s_maxage,
    immutable: cc.immutable,
    no_store: cc.no_store,
    private: cc.private,
    no_cache: cc.no_cache,
  };
}

/** Only Age can show a hit (no cache-status header): it needs a second to grow. */
function waitsForAge(h: ResponseHeaders): boolean {
  return h.age !== undefined && CACHE_STATUS_HEADERS.every((name) => h[name] === undefined);
}

function parseHttpUrl(raw: string): URL | string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'not a valid URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `only http and https URLs can be probed, not ${url.protocol}`;
  return url;
}

function baseHeaders(user: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = { 'user-agent': `scale-audit/${VERSION} (probe)` };
  for (const [name, value] of Object.entries(user)) {
    const lower = name.toLowerCase();
    if (!PROBE_HEADERS.has(lower)) out[lower] = value;
  }
  return out;
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Runs `fn` over `items` with at most `limit` at once; results keep the input order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
