import { defineCheck, edgeTargets, listOf, notMeasured, probeVerdicts } from './check.js';
import { isBinaryPath } from '../src/edge/asset-kind.js';

const COMPRESSED = ['br', 'gzip', 'zstd', 'deflate'];
const isCompressed = (coding: string): boolean =>
  coding
    .toLowerCase()
    .split(',')
    .some((c) => COMPRESSED.includes(c.trim()));
const offers = (accept: string | undefined): boolean =>
  accept !== undefined && /\b(br|gzip|zstd|deflate)\b/i.test(accept);

/** Text responses compressed when the client offers br/gzip. */
export default defineCheck<{ min_bytes: number }>({
  id: 'edge.compression',
  category: 'edge',
  title: 'Text responses are compressed',
  weight: 1,
  defaults: { min_bytes: 1024 },
  judge(e, t) {
    // Only endpoints the run asked for compression can show whether the server compresses.
    const asked = edgeTargets(e).filter(
      (x) => !isBinaryPath(x.path) && offers(e.run.endpoints[x.name]?.accept_encoding),
    );
    const uncompressed: string[] = [];
    let judged = 0;
    for (const x of asked) {
      const compressed = Object.entries(x.stat.content_encoding)
        .filter(([k]) => isCompressed(k))
        .reduce((a, [, n]) => a + n, 0);
      const mean = x.stat.bytes_total !== undefined ? x.stat.bytes_total / x.stat.responses : x.mean_bytes;
      // Servers rightly skip tiny bodies (nginx gzip_min_length, GZipMiddleware < 200 B).
      if (compressed === 0 && mean !== undefined && mean < t.min_bytes) continue;
      judged += 1;
      if (compressed === 0) uncompressed.push(x.name);
    }
    const probe = probeVerdicts(e, 'edge.compression');
    if (!judged && !probe.judged) {
      return notMeasured(
        'no text response was requested with Accept-Encoding: br, gzip',
        'add edge.probe paths (or an Accept-Encoding header on the endpoints)',
        t.min_bytes,
      );
    }
    const gzipOnly = e.probes
      .filter((p) => p.compression.used === 'gzip' && /\bbr\b/.test(p.compression.offered))
      .map((p) => p.url);
    const note = gzipOnly.length
      ? `; note: gzip where br was offered on ${gzipOnly.length} URL${gzipOnly.length > 1 ? 's' : ''}`
      : '';
    const problems = [
      uncompressed.length ? `uncompressed text responses on ${listOf(uncompressed)}` : '',
      ...probe.warns,
    ].filter(Boolean);
    if (problems.length) {
      return {
        status: 'warn',
        value: problems.length,
        threshold: 0,
        message: `${listOf(problems, 2)}${note}`,
        remedy:
          'enable brotli/gzip at the edge (nginx gzip/brotli, CDN compression) or GZipMiddleware, with Vary: ' +
          'Accept-Encoding; precompress static assets',
        details: { uncompressed, probe: probe.warns, gzip_only: gzipOnly },
      };
    }
    return {
      status: 'pass',
      value: 0,
      threshold: 0,
      message: `text responses compressed on ${judged + probe.judged} paths${note}`,
      remedy: gzipOnly.length
        ? 'serve brotli where clients offer it (precompressed .br assets, CDN brotli)'
        : 'keep compression on at the edge',
      ...(gzipOnly.length ? { details: { gzip_only: gzipOnly } } : {}),
    };
  },
});
