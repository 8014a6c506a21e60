/** Content-Encoding as a distribution key: lowercase codings in order, "identity" when absent. */
export function normalizeEncoding(raw: string | undefined): string {
  if (raw === undefined) return 'identity';
  const parts = raw
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  return parts.length ? parts.join(', ') : 'identity';
}

/** Media types worth compressing (text, JSON, JS, XML, SVG); images, fonts and video already are. */
export function isCompressibleType(contentType: string | null): boolean {
  if (!contentType) return false;
  const t = contentType.split(';')[0]!.trim().toLowerCase();
  return (
    t.startsWith('text/') ||
    t.endsWith('+json') ||
    t.endsWith('+xml') ||
    t === 'application/json' ||
    t === 'application/javascript' ||
    t === 'application/xml' ||
    t === 'application/x-javascript' ||
    t === 'application/manifest+json' ||
    t === 'image/svg+xml' ||
    t === 'application/wasm'
  );
}
