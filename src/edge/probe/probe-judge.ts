/** Findings of one probed URL, judged from its ProbeResult alone (pure). Rule ids are the checklist's. */
import { isCacheableStatus, LONG_LIVED_S } from '../headers/cache-control.js';
import { isCompressibleType } from '../headers/encoding.js';
import { isStaticAsset } from '../asset-kind.js';
import type { ProbeFinding, ProbeResult } from './probe-result.js';

/** Bodies below this are not worth compressing (what CDNs use as their minimum too). */
export const COMPRESSION_MIN_BYTES = 1024;

type Judge = (r: ProbeResult) => ProbeFinding | undefined;

const JUDGES: Judge[] = [
  judgeCacheControl,
  judgeValidators,
  judgeCompression,
  judgeProtocol,
  judgeCookieOnCacheable,
  judgeTracing,
  judgeNoSticky,
];

export function judgeProbe(r: ProbeResult): ProbeFinding[] {
  if (r.status === null) return [];
  const out: ProbeFinding[] = [];
  for (const judge of JUDGES) {
    const f = judge(r);
    if (f) out.push(f);
  }
  return out;
}

/** A shared cache may store it: public or a shared lifetime, not private/no-store, and a cacheable status. */
export function isSharedCacheable(r: ProbeResult): boolean {
  const cc = r.cache_control;
  if (r.status === null || !isCacheableStatus(r.status) || cc.raw === null || cc.no_store || cc.private) return false;
  const ttl = cc.s_maxage ?? cc.max_age;
  return cc.public || (ttl !== null && ttl > 0);
}

const ok = (r: ProbeResult): boolean => r.status !== null && r.status >= 200 && r.status < 300;
const finding = (id: string, status: ProbeFinding['status'], message: string): ProbeFinding => ({
  id,
  status,
  message,
});

function judgeCacheControl(r: ProbeResult): ProbeFinding | undefined {
  if (!ok(r)) return undefined;
  const id = 'edge.cache-control';
  const cc = r.cache_control;
  const asset = isStaticAsset(r.url, r.content_type);
  if (cc.raw === null) {
    return finding(
      id,
      'warn',
      asset
        ? 'static asset without Cache-Control: serve fingerprinted files with max-age=31536000, immutable'
        : 'no Cache-Control: browsers and CDNs fall back to guessing; state a policy (public, max-age=… or ' +
            'private/no-store)',
    );
  }
  const ttl = cc.s_maxage ?? cc.max_age;
  if (asset) {
    if (!cc.no_store && (cc.immutable || (ttl !== null && ttl >= LONG_LIVED_S))) {
      return finding(id, 'pass', `static asset is long-lived (${cc.raw})`);
    }
    return finding(
      id,
      'warn',
      `static asset cached for ${cc.no_store ? 'no time (no-store)' : `${ttl ?? 0}s`} only: use max-age ≥ 1 ` +
        `day and immutable with fingerprinted names`,
    );
  }
  if (cc.no_store || cc.private)
    return finding(
      id,
      'pass',
      `kept out of shared caches (${cc.raw}): right for personalised pages, costly for public ones`,
    );
  if (isSharedCacheable(r))
    return finding(
      id,
      'pass',
      `cacheable by shared caches for ${ttl ?? 'a heuristic'}${ttl !== null ? 's' : ''} (${cc.raw})`,
    );
  return finding(id, 'pass', `policy stated (${cc.raw})`);
}

function judgeValidators(r: ProbeResult): ProbeFinding | undefined {
  if (!ok(r)) return undefined;
  const id = 'edge.validators';
  const v = r.validators;
  const which = v.etag !== null ? 'ETag' : v.last_modified !== null ? 'Last-Modified' : null;
  if (which === null)
    return finding(id, 'warn', 'no ETag or Last-Modified: every revalidation downloads the full body');
  if (v.revalidates) return finding(id, 'pass', `conditional request with ${which} answered 304 Not Modified`);
  const got = v.conditional_status === null ? 'no answer' : String(v.conditional_status);
  return finding(id, 'warn', `${which} is sent but a conditional request got ${got} instead of 304`);
}

function judgeCompression(r: ProbeResult): ProbeFinding | undefined {
  if (!ok(r) || !isCompressibleType(r.content_type)) return undefined;
  const id = 'edge.compression';
  const c = r.compression;
  const size = c.identity_bytes ?? c.bytes ?? 0;
  if (c.used === null) {
    if (size < COMPRESSION_MIN_BYTES) return finding(id, 'pass', `${size} B body: small enough to send uncompressed`);
    return finding(id, 'warn', `uncompressed ${r.content_type} (${kib(size)}) although ${c.offered} was offered`);
  }
  if (!c.vary_accept_encoding) {
    return finding(
      id,
      'warn',
      `${c.used} without Vary: Accept-Encoding: a shared cache may serve it to clients that cannot decode it`,
    );
  }
  const sizes = c.identity_bytes !== null && c.bytes !== null ? ` (${kib(c.identity_bytes)} → ${kib(c.bytes)})` : '';
  // Only what was seen: a larger body after compression, and br offered but not served (no size claim for br).
  const grew =
    c.identity_bytes !== null && c.bytes !== null && c.bytes > c.identity_bytes
      ? `: compression made this small body larger, leave bodies under ${kib(COMPRESSION_MIN_BYTES)} uncompressed ` +
        '(nginx gzip_min_length)'
      : '';
  const note = c.used === 'gzip' && /\bbr\b/.test(c.offered) ? '; br was offered, the server answered gzip' : '';
  return finding(id, 'pass', `${c.used}${sizes}${grew}${note}`);
}

function judgeProtocol(r: ProbeResult): ProbeFinding | undefined {
  if (!r.url.toLowerCase().startsWith('https:') || r.protocol === null) return undefined;
  const h3 = r.alt_svc_h3 ? '; HTTP/3 advertised in Alt-Svc' : '';
  if (r.protocol === 'h2') return finding('edge.protocol', 'pass', `HTTP/2 negotiated (ALPN h2)${h3}`);
  return finding('edge.protocol', 'warn', `HTTP/1.1 only (ALPN ${r.protocol})${h3}: enable HTTP/2 at the edge`);
}

function judgeCookieOnCacheable(r: ProbeResult): ProbeFinding | undefined {
  if (!isSharedCacheable(r)) return undefined;
  const id = 'edge.cookie-on-cacheable';
  const problems: string[] = [];
  if (r.cookies.length)
    problems.push(`Set-Cookie (${r.cookies.map((c) => c.name).join(', ')}) may be cached and handed to other visitors`);
  if (r.vary.includes('*')) problems.push('Vary: * makes it uncacheable in practice');
  if (r.vary.includes('cookie')) problems.push('Vary: Cookie stores one copy per visitor');
  if (problems.length)
    return finding(id, 'fail', `response marked cacheable (${r.cache_control.raw}) but ${problems.join('; ')}`);
  return finding(id, 'pass', 'cacheable response without Set-Cookie or Vary: */Cookie');
}

function judgeTracing(r: ProbeResult): ProbeFinding {
  if (r.tracing.length) return finding('obs.tracing', 'pass', `tracing headers: ${r.tracing.join(', ')}`);
  return finding('obs.tracing', 'warn', 'no traceparent, X-Request-ID or Server-Timing on the response');
}

function judgeNoSticky(r: ProbeResult): ProbeFinding {
  const sticky = r.cookies.filter((c) => c.affinity).map((c) => c.name);
  if (sticky.length)
    return finding(
      'web.no-sticky',
      'fail',
      `load-balancer affinity cookie ${sticky.join(', ')}: clients are pinned to one instance`,
    );
  return finding('web.no-sticky', 'pass', 'no load-balancer affinity cookie');
}

function kib(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`;
}
